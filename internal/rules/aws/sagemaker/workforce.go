package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/secrets"
)

var workforceRefs = []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SourceIpConfig.html"}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-031", Slug: "workforce-any-source-ip",
			Title:    "SageMaker private workforce portal accepts workers from any IP address",
			Severity: rule.Medium, Category: rule.Network,
			Resources:  []string{"aws_sagemaker_workforce"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "Labelling and human-review workers see raw training data and model inputs: documents, images, " +
				"transcripts. Without a source IP restriction anyone with a worker's credentials can open the portal from anywhere.",
			Remediation: "Add source_ip_config with the CIDR ranges of your offices or VPN.",
			Fixes: map[string]string{"terraform": `source_ip_config {
  cidrs = ["203.0.113.0/24"]
}`},
			Defaults:   []string{"aws_sagemaker_workforce.source_ip_config: absent -> the portal accepts any IP address"},
			References: workforceRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, w := range in.AWS.Workforces {
				switch {
				case w.SourceCIDRs == nil:
					out = append(out, rule.OnResource(w.Resource, "none", "%s has no source_ip_config, so workers can sign in from any IP address", w.Address))
				case w.SourceCIDRs.Known():
					for _, c := range w.SourceCIDRs.Items {
						if c.Known() && (c.Value == "0.0.0.0/0" || c.Value == "::/0") {
							out = append(out, rule.NewResult(w.Resource, c.Meta, c.Value, "%s allows workers from %s", w.Address, c.Value))
						}
					}
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-032", Slug: "workforce-oidc-client-secret-in-code",
			Title:    "SageMaker workforce OIDC client secret is written in the configuration",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"aws_sagemaker_workforce"},
			Frameworks: framework.Secrets(),
			Rationale: "The OIDC client secret lets whoever holds it act as SageMaker towards your identity provider. Written " +
				"in Terraform it sits in the repository and its history, visible to everyone who can read them.",
			Remediation: "Read the secret at plan time from Secrets Manager (data \"aws_secretsmanager_secret_version\") or a " +
				"sensitive variable set by the pipeline, never a literal or a variable default.",
			Fixes: map[string]string{"terraform": `oidc_config {
  # ...
  client_secret = data.aws_secretsmanager_secret_version.workforce_oidc.secret_string
}`},
			Defaults:   []string{"aws_sagemaker_workforce.oidc_config.client_secret: required with oidc_config; a value that is unknown at scan time (a data source, a variable without default) is not reported"},
			References: workforceRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, w := range in.AWS.Workforces {
				if s := w.ClientSecret; s.Explicit && s.Known() && s.Value != "" {
					red := secrets.Redact(s.Value)
					out = append(out, rule.NewResult(w.Resource, s.Meta, red, "%s: oidc_config.client_secret is written in the configuration (%s)", w.Address, red))
				}
			}
			return out
		},
	})
}
