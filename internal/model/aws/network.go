package aws

import "github.com/mlguard/mlguard/internal/model"

// VPC is a virtual private cloud.
type VPC struct {
	model.Resource
	CIDR model.String `json:"cidr"` // cidr_block: no default (IPAM may assign it)
}

// Subnet is a VPC subnet.
type Subnet struct {
	model.Resource
	VPC  model.Ref    `json:"vpc"`
	CIDR model.String `json:"cidr"` // cidr_block: no default (IPAM may assign it)
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
	Rotation model.Bool   `json:"rotation"` // enable_key_rotation, default false
	Spec     model.String `json:"spec"`     // customer_master_key_spec, default SYMMETRIC_DEFAULT
	// Policy is the key policy; when absent, KMS applies the default policy
	// that gives the account root full access.
	Policy PolicyDocument `json:"policy"`
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

// SecurityGroup is a VPC security group with its ingress rules, whether
// written inline or as separate rule resources.
type SecurityGroup struct {
	model.Resource
	Ingress []IngressRule `json:"ingress,omitempty"`
}

// IngressRule is one ingress permission.
type IngressRule struct {
	model.Meta
	Source   model.Resource `json:"source"` // the group, or the rule resource
	CIDRs    []model.String `json:"cidrs,omitempty"`
	FromPort model.Int      `json:"from_port"`
	ToPort   model.Int      `json:"to_port"`
	Protocol model.String   `json:"protocol"` // "-1" for all
}

// OpenToWorld returns the first CIDR of the rule that is known to be the
// whole internet.
func (r IngressRule) OpenToWorld() (string, bool) {
	for _, c := range r.CIDRs {
		if c.Is("0.0.0.0/0") || c.Is("::/0") {
			return c.Value, true
		}
	}
	return "", false
}

// BucketsOf returns the buckets a link target names.
func (m *Model) BucketsOf(target string) []*Bucket { return lookup[*Bucket](m, target) }

// SecurityGroupsOf returns the security groups a link target names.
func (m *Model) SecurityGroupsOf(target string) []*SecurityGroup {
	return lookup[*SecurityGroup](m, target)
}

// VPCEndpoint is a VPC endpoint (gateway or interface).
type VPCEndpoint struct {
	model.Resource
	VPC     model.Ref    `json:"vpc"`
	Service model.String `json:"service_name"` // com.amazonaws.<region>.s3, ...
}

// VPCOf returns the VPC of the scan that a reference to a subnet or a VPC
// leads to, if it is one VPC.
func (m *Model) VPCOf(r model.Ref) *VPC {
	for _, t := range r.Targets {
		if vs := lookup[*VPC](m, t); len(vs) == 1 {
			return vs[0]
		}
		for _, s := range m.SubnetsOf(t) {
			for _, vt := range s.VPC.Targets {
				if vs := lookup[*VPC](m, vt); len(vs) == 1 {
					return vs[0]
				}
			}
		}
	}
	return nil
}
