package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-005", Slug: "notebook-imdsv1",
			Title:    "SageMaker notebook instance allows IMDSv1",
			Severity: rule.Medium, Category: rule.Identity,
			Resources: []string{"aws_sagemaker_notebook_instance"},
			Frameworks: framework.Frameworks([]string{"AC-3", "SC-7"}, []string{"PR.AA-05", "PR.PS-01"},
				[]string{"A.8.9", "A.5.15"}, []string{"CC6.1", "CC6.6"}, nil),
			Rationale: "IMDSv1 answers plain GET requests, so a server-side request forgery in any notebook server, extension or " +
				"kernel can read the execution role's temporary credentials from the instance metadata service. IMDSv2 requires a " +
				"session token that such requests cannot obtain.",
			Remediation: "Add an instance_metadata_service_configuration block with minimum_instance_metadata_service_version = \"2\".",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_notebook_instance" "this" {
  # ...
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}`},
			Defaults: []string{"instance_metadata_service_configuration.minimum_instance_metadata_service_version: " +
				"not set by the provider; CreateNotebookInstance then uses \"1\" (IMDSv1 and IMDSv2)"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-imds.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, n := range in.AWS.NotebookInstances {
				if n.MinimumIMDSVersion.Is("1") {
					out = append(out, rule.NewResult(n.Resource, n.MinimumIMDSVersion.Meta, "1",
						"%s accepts IMDSv1 (minimum_instance_metadata_service_version = \"1\"%s)", n.Address, defaultNote(n.MinimumIMDSVersion.Explicit)))
				}
			}
			return out
		},
	})
}
