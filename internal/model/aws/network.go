package aws

import "github.com/mlguard/mlguard/internal/model"

// VPC is a virtual private cloud.
type VPC struct {
	model.Resource
}

// Subnet is a VPC subnet.
type Subnet struct {
	model.Resource
	VPC model.Ref `json:"vpc"`
}

// RouteTable is a route table with its routes, including routes declared as
// separate aws_route resources.
type RouteTable struct {
	model.Resource
	VPC    model.Ref `json:"vpc"`
	Main   bool      `json:"main"` // the VPC's main table (aws_default_route_table, main association)
	Routes []Route   `json:"routes,omitempty"`
}

// Route is one route.
type Route struct {
	model.Meta
	Source      model.Resource `json:"source"` // the table, or the aws_route resource
	Destination model.String   `json:"destination"`
	Gateway     model.Ref      `json:"gateway"`
}

// RouteTableAssociation ties a subnet to a route table.
type RouteTableAssociation struct {
	model.Resource
	Subnet     model.Ref `json:"subnet"`
	RouteTable model.Ref `json:"route_table"`
}

// InternetGateway is an internet gateway.
type InternetGateway struct {
	model.Resource
	VPC model.Ref `json:"vpc"`
}

// KMSKey is a customer managed KMS key.
type KMSKey struct {
	model.Resource
}

// PublicRoute explains why a subnet is public: the chain of addresses from the
// subnet through its route table to the internet gateway, and the route's
// destination. ok is false when the subnet is not known to be public.
func (m *Model) PublicRoute(subnet *Subnet) (chain []string, ok bool) {
	for _, rt := range m.routeTablesOf(subnet) {
		for _, r := range rt.Routes {
			if !(r.Destination.Is("0.0.0.0/0") || r.Destination.Is("::/0")) {
				continue
			}
			if igw, isIGW := m.IsInternetGateway(r.Gateway); isIGW {
				return []string{subnet.Address, rt.Address, "route " + r.Destination.Value, igw}, true
			}
		}
	}
	return nil, false
}

// routeTablesOf returns the route table that governs a subnet: the one
// associated with it, else its VPC's main route table.
func (m *Model) routeTablesOf(subnet *Subnet) []*RouteTable {
	var out []*RouteTable
	for _, a := range m.Associations {
		if !a.Subnet.LinksTo(subnet.Address) {
			continue
		}
		for _, t := range a.RouteTable.Targets {
			out = append(out, lookup[*RouteTable](m, t)...)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, rt := range m.RouteTables {
		if rt.Main && sameTarget(rt.VPC, subnet.VPC) {
			out = append(out, rt)
		}
	}
	return out
}

func sameTarget(a, b model.Ref) bool {
	for _, t := range a.Targets {
		if b.LinksTo(t) {
			return true
		}
	}
	return a.Value != "" && a.Value == b.Value
}
