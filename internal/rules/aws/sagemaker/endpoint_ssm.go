package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-036", Slug: "endpoint-variant-ssm-access",
			Title:    "SageMaker endpoint variant lets operators open shell sessions in its containers",
			Severity: rule.Medium, Category: rule.Isolation,
			Resources:  []string{"aws_sagemaker_endpoint_configuration", "AWS::SageMaker::EndpointConfig"},
			Frameworks: framework.LeastPrivilege(),
			Rationale: "enable_ssm_access lets anyone allowed ssm:StartSession on the endpoint open a shell inside the serving " +
				"container, where the model weights, the execution role's credentials and live requests are. Useful for " +
				"debugging, it should not stay on in production.",
			Remediation: "Remove enable_ssm_access (it defaults to false) from production variants, or keep it only on " +
				"non-production endpoint configurations.",
			Fixes: map[string]string{"terraform": `production_variants {
  # ...
  enable_ssm_access = false
}`, "cloudformation": `ProductionVariants:
  - # ...
    EnableSSMAccess: false`},
			Defaults:   []string{"production_variants.enable_ssm_access: false when absent"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ec := range in.AWS.EndpointConfigs {
				for _, v := range ec.Variants {
					if v.SSMAccess.IsTrue() {
						out = append(out, rule.NewResult(ec.Resource, v.SSMAccess.Meta, "true", "%s has a variant with enable_ssm_access = true", ec.Address))
					}
				}
			}
			return out
		},
	})
}
