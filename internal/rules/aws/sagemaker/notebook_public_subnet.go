package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-034", Slug: "notebook-in-public-subnet",
			Title:    "SageMaker notebook instance is placed in a subnet that routes to an internet gateway",
			Severity: rule.Medium, Category: rule.Network,
			Resources: []string{"aws_sagemaker_notebook_instance", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association",
				"AWS::SageMaker::NotebookInstance", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation"},
			Frameworks: framework.NetworkBoundary("SageMaker.2"),
			Rationale: "A notebook belongs in a private subnet whose traffic leaves, if at all, through a NAT gateway or VPC " +
				"endpoints you control. A subnet with a default route to an internet gateway is one route-table change or one " +
				"public IP away from exposing the notebook, and it usually also hosts load balancers and bastions the notebook " +
				"should not share a network with.",
			Remediation: "Move the notebook to a private subnet (no 0.0.0.0/0 route to an internet gateway) and reach AWS services " +
				"through VPC endpoints.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_notebook_instance" "research" {
  # ...
  subnet_id              = aws_subnet.private.id
  direct_internet_access = "Disabled"
}`, "cloudformation": `SubnetId: !Ref PrivateSubnet
DirectInternetAccess: Disabled`},
			Defaults: []string{"a subnet with no aws_route_table_association uses its VPC's main route table " +
				"(aws_default_route_table or aws_main_route_table_association)"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, n := range in.AWS.NotebookInstances {
				out = append(out, inPublicSubnet(in.AWS, n.Resource, n.Subnet.Targets, n.Subnet.Meta)...)
			}
			return out
		},
	})
}
