package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-004", Slug: "notebook-outside-vpc",
			Title:    "SageMaker notebook instance is not placed in a VPC subnet",
			Severity: rule.High, Category: rule.Isolation,
			Resources:  []string{"aws_sagemaker_notebook_instance"},
			Frameworks: framework.NetworkBoundary("SageMaker.2"),
			Rationale: "Without subnet_id the notebook runs in a SageMaker-managed network, outside every control of your VPC: " +
				"security groups, VPC endpoint policies, network ACLs and flow logs. Its traffic to data stores and the internet cannot be " +
				"restricted or observed.",
			Remediation: "Set subnet_id to a private subnet and security_groups to groups that allow only what the notebook needs.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_notebook_instance" "this" {
  # ...
  subnet_id       = aws_subnet.private.id
  security_groups = [aws_security_group.notebook.id]
}`},
			Defaults:   []string{"aws_sagemaker_notebook_instance.subnet_id: none; the notebook then runs outside your VPCs"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, n := range in.AWS.NotebookInstances {
				if n.Subnet.Absent() {
					out = append(out, rule.OnResource(n.Resource, "", "%s has no subnet_id, so it runs outside your VPCs", n.Address))
				}
			}
			return out
		},
	})
}
