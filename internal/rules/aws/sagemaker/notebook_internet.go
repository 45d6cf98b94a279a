package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-001", Slug: "notebook-direct-internet-access",
			Title:    "SageMaker notebook instance has direct internet access",
			Severity: rule.High, Category: rule.Network,
			Resources:  []string{"aws_sagemaker_notebook_instance"},
			Frameworks: framework.NetworkBoundary("SageMaker.1"),
			Rationale: "With direct internet access, SageMaker gives the notebook a network interface that reaches the internet " +
				"outside your VPC. Code and data on the notebook (training data, model weights, credentials of its execution role) " +
				"can be sent anywhere, and no VPC control (security groups, endpoints policies, flow logs) sees that traffic.",
			Remediation: "Set direct_internet_access to \"Disabled\" and place the notebook in a private subnet; reach AWS services " +
				"through VPC endpoints and anything else through a NAT gateway or proxy you control.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_notebook_instance" "this" {
  # ...
  subnet_id              = aws_subnet.private.id
  security_groups        = [aws_security_group.notebook.id]
  direct_internet_access = "Disabled"
}`},
			Defaults:   []string{"aws_sagemaker_notebook_instance.direct_internet_access: \"Enabled\" when not set"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, n := range in.AWS.NotebookInstances {
				if n.DirectInternetAccess.Is("Enabled") {
					out = append(out, rule.NewResult(n.Resource, n.DirectInternetAccess.Meta, n.DirectInternetAccess.Value,
						"%s has direct internet access (direct_internet_access = %q%s)", n.Address, n.DirectInternetAccess.Value, defaultNote(n.DirectInternetAccess.Explicit)))
				}
			}
			return out
		},
	})
}

// defaultNote marks values that come from the provider's default.
func defaultNote(explicit bool) string {
	if explicit {
		return ""
	}
	return ", the provider default"
}
