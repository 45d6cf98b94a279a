package sagemaker

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-010", Slug: "model-in-public-subnet",
			Title:    "SageMaker model is placed in a subnet that routes to an internet gateway",
			Severity: rule.High, Category: rule.Network,
			Resources:  []string{"aws_sagemaker_model", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association", "aws_internet_gateway"},
			Frameworks: check.NetworkBoundary(),
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
				for _, target := range m.VPCConfig.Subnets.Targets() {
					for _, sn := range in.AWS.SubnetsOf(target) {
						chain, public := in.AWS.PublicRoute(sn)
						if !public {
							continue
						}
						out = append(out, rule.NewResult(m.Resource, m.VPCConfig.Subnets.Meta, sn.Address,
							"%s is placed in a public subnet: %s", m.Address, strings.Join(append([]string{m.Address}, chain...), " → ")))
					}
				}
			}
			return out
		},
	})
}
