package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/secrets"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-014", Slug: "lifecycle-config-secret",
			Title:    "SageMaker notebook lifecycle configuration script holds a secret",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"aws_sagemaker_notebook_instance_lifecycle_configuration", "AWS::SageMaker::NotebookInstanceLifecycleConfig"},
			Frameworks: framework.Secrets(),
			Rationale: "Lifecycle scripts are stored base64 encoded, which hides nothing: DescribeNotebookInstanceLifecycleConfig " +
				"returns them to anyone with SageMaker read access, and they sit in the repository and the state. Access keys or " +
				"tokens written into them (to configure git, pip or a model hub) leak with them.",
			Remediation: "Read the secret from Secrets Manager in the script (aws secretsmanager get-secret-value) with the " +
				"notebook's execution role, instead of writing it into the script.",
			Fixes: map[string]string{"terraform": `on_start = base64encode(<<-EOT
  #!/bin/bash
  TOKEN=$(aws secretsmanager get-secret-value --secret-id ml/hub-token --query SecretString --output text)
EOT
)`, "cloudformation": `OnStart:
  - Content: !Base64 |
      #!/bin/bash
      TOKEN=$(aws secretsmanager get-secret-value --secret-id ml/hub-token --query SecretString --output text)`},
			Defaults:   []string{"on_create / on_start: no script when not set"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-lifecycle-config.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, lc := range in.AWS.LifecycleConfigs {
				for _, s := range lc.Scripts {
					for _, m := range secrets.Text(s.Text) {
						what := m.Kind
						if m.Key != "" {
							what += " in " + m.Key
						}
						out = append(out, rule.NewResult(lc.Resource, s.Meta, s.Hook+":"+m.Key+"="+m.Redacted,
							"%s: the %s script holds %s (%s)", lc.Address, s.Hook, secrets.Article(what), m.Redacted))
					}
				}
			}
			return out
		},
	})
}
