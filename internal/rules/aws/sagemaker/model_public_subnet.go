package sagemaker

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/rule"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-010", Slug: "model-in-public-subnet",
			Title:    "SageMaker model is placed in a subnet that routes to an internet gateway",
			Severity: rule.High, Category: rule.Network,
			Resources:  []string{"aws_sagemaker_model", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association", "aws_internet_gateway"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A subnet whose route table sends 0.0.0.0/0 (or ::/0) to an internet gateway is public. Inference containers " +
				"placed there sit one security-group rule away from the internet, and egress from them is not forced through a NAT " +
				"gateway or proxy you inspect.",
			Remediation: "Place the model in private subnets whose default route goes to a NAT gateway (or nowhere), and reach AWS " +
				"services through VPC endpoints.",
			Fixes: map[string]string{"terraform": `resource "aws_route_table" "private" {
  vpc_id = aws_vpc.ml.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.ml.id
  }
}
resource "aws_sagemaker_model" "this" {
  # ...
  vpc_config {
    subnets            = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.inference.id]
  }
}`},
			Defaults: []string{"a subnet with no aws_route_table_association uses its VPC's main route table " +
				"(aws_default_route_table or aws_main_route_table_association)"},
			References: []string{"https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, m := range in.AWS.Models {
				if m.VPCConfig == nil {
					continue
				}
				out = append(out, inPublicSubnet(in.AWS, m.Resource, m.VPCConfig.Subnets.Targets(), m.VPCConfig.Subnets.Meta)...)
			}
			return out
		},
	})
}

// inPublicSubnet reports each subnet of the given links that routes to an
// internet gateway, naming the chain from the workload to the gateway.
func inPublicSubnet(m *aws.Model, res model.Resource, subnets []string, at model.Meta) []rule.Result {
	var out []rule.Result
	for _, target := range subnets {
		for _, sn := range m.SubnetsOf(target) {
			if chain, public := m.PublicRoute(sn); public {
				out = append(out, rule.NewResult(res, at, sn.Address,
					"%s is placed in a public subnet: %s", res.Address, strings.Join(append([]string{res.Address}, chain...), " → ")))
			}
		}
	}
	return out
}
