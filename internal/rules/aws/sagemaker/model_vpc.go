package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-009", Slug: "model-outside-vpc",
			Title:    "SageMaker model is not placed in a VPC",
			Severity: rule.Medium, Category: rule.Isolation,
			Resources:  []string{"aws_sagemaker_model"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "Without vpc_config, the model's containers run in a SageMaker-managed network: their traffic to data stores " +
				"and other services cannot be limited by security groups or VPC endpoint policies, nor seen in flow logs.",
			Remediation: "Add a vpc_config block with private subnets and security groups that allow only what inference needs.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_model" "this" {
  # ...
  vpc_config {
    subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_group_ids = [aws_security_group.inference.id]
  }
}`},
			Defaults:   []string{"aws_sagemaker_model.vpc_config: none; containers then run outside your VPCs"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, m := range in.AWS.Models {
				if m.VPCConfig == nil && !m.VPCConfigUnknown {
					out = append(out, rule.OnResource(m.Resource, "", "%s has no vpc_config, so its containers run outside your VPCs", m.Address))
				}
			}
			return out
		},
	})
}
