package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-002", Slug: "notebook-root-access",
			Title:    "SageMaker notebook instance gives users root access",
			Severity: rule.Medium, Category: rule.Identity,
			Resources:  []string{"aws_sagemaker_notebook_instance"},
			Frameworks: framework.LeastPrivilege("SageMaker.3"),
			Rationale: "Root on the notebook lets any user of it change the instance: install software, read other users' files, " +
				"tamper with lifecycle configuration results and disable local controls. Notebooks hold training data and the " +
				"credentials of their execution role.",
			Remediation: "Set root_access to \"Disabled\". Lifecycle configurations still run as root, so install system packages there.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_notebook_instance" "this" {
  # ...
  root_access = "Disabled"
}`},
			Defaults:   []string{"aws_sagemaker_notebook_instance.root_access: \"Enabled\" when not set"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, n := range in.AWS.NotebookInstances {
				if n.RootAccess.Is("Enabled") {
					out = append(out, rule.NewResult(n.Resource, n.RootAccess.Meta, n.RootAccess.Value,
						"%s gives its users root access (root_access = %q%s)", n.Address, n.RootAccess.Value, defaultNote(n.RootAccess.Explicit)))
				}
			}
			return out
		},
	})
}
