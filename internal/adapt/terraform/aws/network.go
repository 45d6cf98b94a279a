package aws

import (
	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

func (a *adapter) vpc(d *terraform.Resource, res model.Resource) {
	a.m.VPCs = append(a.m.VPCs, &aws.VPC{Resource: res, CIDR: tfattr.Str(d.Body, "cidr_block", "")})
}

func (a *adapter) subnet(d *terraform.Resource, res model.Resource) {
	a.m.Subnets = append(a.m.Subnets, &aws.Subnet{Resource: res, VPC: tfattr.Ref(d.Body, "vpc_id"), CIDR: tfattr.Str(d.Body, "cidr_block", "")})
}

func (a *adapter) internetGateway(d *terraform.Resource, res model.Resource) {
	a.m.InternetGateways = append(a.m.InternetGateways, &aws.InternetGateway{Resource: res, VPC: tfattr.Ref(d.Body, "vpc_id")})
}

// inlineRoutes reads route blocks (or the route = [...] attribute form).
func inlineRoutes(b *terraform.Block, res model.Resource) []aws.Route {
	var out []aws.Route
	for _, rb := range b.Nested("route") {
		dest := tfattr.Str(rb, "cidr_block", "")
		if dest.Value == "" && !dest.Unknown {
			dest = tfattr.Str(rb, "ipv6_cidr_block", "")
		}
		out = append(out, aws.Route{Meta: tfattr.BlockMeta(rb), Source: res, Destination: dest, Gateway: tfattr.Ref(rb, "gateway_id")})
	}
	return out
}

func (a *adapter) routeTable(d *terraform.Resource, res model.Resource) {
	a.m.RouteTables = append(a.m.RouteTables, &aws.RouteTable{Resource: res, VPC: tfattr.Ref(d.Body, "vpc_id"), Routes: inlineRoutes(d.Body, res)})
}

// defaultRouteTable is the VPC's main table. Its default_route_table_id refers
// to aws_vpc.x.default_route_table_id, so the link names the VPC.
func (a *adapter) defaultRouteTable(d *terraform.Resource, res model.Resource) {
	a.m.RouteTables = append(a.m.RouteTables, &aws.RouteTable{Resource: res, Main: true, VPC: tfattr.Ref(d.Body, "default_route_table_id"), Routes: inlineRoutes(d.Body, res)})
}

func (a *adapter) mainAssociation(d *terraform.Resource, _ model.Resource) {
	a.mains = append(a.mains, mainAssociation{vpc: tfattr.Ref(d.Body, "vpc_id"), table: tfattr.Ref(d.Body, "route_table_id")})
}

func (a *adapter) route(d *terraform.Resource, res model.Resource) {
	b := d.Body
	dest := tfattr.Str(b, "destination_cidr_block", "")
	if dest.Value == "" && !dest.Unknown {
		dest = tfattr.Str(b, "destination_ipv6_cidr_block", "")
	}
	a.routes = append(a.routes, looseRoute{table: tfattr.Ref(b, "route_table_id"), route: aws.Route{
		Meta: model.Meta{Range: res.Range, Explicit: true}, Source: res, Destination: dest, Gateway: tfattr.Ref(b, "gateway_id"),
	}})
}

func (a *adapter) association(d *terraform.Resource, res model.Resource) {
	a.m.Associations = append(a.m.Associations, &aws.RouteTableAssociation{Resource: res, Subnet: tfattr.Ref(d.Body, "subnet_id"), RouteTable: tfattr.Ref(d.Body, "route_table_id")})
}

// linkNetwork attaches aws_route resources to their tables and marks tables
// made main by aws_main_route_table_association.
func (a *adapter) linkNetwork() {
	tables := func(r model.Ref) []*aws.RouteTable {
		var out []*aws.RouteTable
		for _, rt := range a.m.RouteTables {
			if r.LinksTo(rt.Address) {
				out = append(out, rt)
			}
		}
		return out
	}
	for _, lr := range a.routes {
		for _, rt := range tables(lr.table) {
			rt.Routes = append(rt.Routes, lr.route)
		}
	}
	for _, ma := range a.mains {
		for _, rt := range tables(ma.table) {
			rt.Main, rt.VPC = true, ma.vpc
		}
	}
}

// looseIngress is an ingress rule declared apart from its group.
type looseIngress struct {
	group model.Ref
	rule  aws.IngressRule
}

// cidrs reads a list of CIDR strings as model strings.
func cidrs(b *terraform.Block, names ...string) []model.String {
	var out []model.String
	for _, n := range names {
		for _, it := range tfattr.Refs(b, n).Items {
			out = append(out, model.String{Meta: it.Meta, Value: it.Value})
		}
	}
	return out
}

func (a *adapter) securityGroup(d *terraform.Resource, res model.Resource) {
	sg := &aws.SecurityGroup{Resource: res}
	for _, ib := range d.Body.Nested("ingress") {
		sg.Ingress = append(sg.Ingress, aws.IngressRule{
			Meta: tfattr.BlockMeta(ib), Source: res, CIDRs: cidrs(ib, "cidr_blocks", "ipv6_cidr_blocks"),
			FromPort: tfattr.Int(ib, "from_port", 0), ToPort: tfattr.Int(ib, "to_port", 0), Protocol: tfattr.Str(ib, "protocol", ""),
		})
	}
	a.m.SecurityGroups = append(a.m.SecurityGroups, sg)
}

func (a *adapter) securityGroupRule(d *terraform.Resource, res model.Resource) {
	b := d.Body
	if !tfattr.Str(b, "type", "").Is("ingress") {
		return
	}
	a.sgRules = append(a.sgRules, looseIngress{group: tfattr.Ref(b, "security_group_id"), rule: aws.IngressRule{
		Meta: model.Meta{Range: res.Range, Explicit: true}, Source: res, CIDRs: cidrs(b, "cidr_blocks", "ipv6_cidr_blocks"),
		FromPort: tfattr.Int(b, "from_port", 0), ToPort: tfattr.Int(b, "to_port", 0), Protocol: tfattr.Str(b, "protocol", ""),
	}})
}

func (a *adapter) ingressRule(d *terraform.Resource, res model.Resource) {
	b := d.Body
	var cs []model.String
	for _, n := range []string{"cidr_ipv4", "cidr_ipv6"} {
		if c := tfattr.Str(b, n, ""); c.Explicit {
			cs = append(cs, c)
		}
	}
	a.sgRules = append(a.sgRules, looseIngress{group: tfattr.Ref(b, "security_group_id"), rule: aws.IngressRule{
		Meta: model.Meta{Range: res.Range, Explicit: true}, Source: res, CIDRs: cs,
		FromPort: tfattr.Int(b, "from_port", 0), ToPort: tfattr.Int(b, "to_port", 65535), Protocol: tfattr.Str(b, "ip_protocol", ""),
	}})
}

func (a *adapter) linkSecurityGroups() {
	for _, lr := range a.sgRules {
		for _, t := range lr.group.Targets {
			for _, sg := range a.m.SecurityGroupsOf(t) {
				sg.Ingress = append(sg.Ingress, lr.rule)
			}
		}
	}
}

func (a *adapter) vpcEndpoint(d *terraform.Resource, res model.Resource) {
	a.m.VPCEndpoints = append(a.m.VPCEndpoints, &aws.VPCEndpoint{Resource: res, VPC: tfattr.Ref(d.Body, "vpc_id"), Service: tfattr.Str(d.Body, "service_name", "")})
}
