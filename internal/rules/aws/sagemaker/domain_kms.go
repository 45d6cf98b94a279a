package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-007", Slug: "domain-customer-managed-key",
			Title:    "SageMaker domain storage is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_domain"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "The domain's key encrypts the home EFS volume shared by every user profile, where notebooks, datasets and " +
				"model files live. With an AWS managed key, the key policy cannot limit who decrypts it.",
			Remediation: "Set kms_key_id to a customer managed KMS key.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_domain" "this" {
  # ...
  kms_key_id = aws_kms_key.ml.arn
}`},
			Defaults:   []string{"aws_sagemaker_domain.kms_key_id: none; the EFS volume then uses an AWS managed key"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, d := range in.AWS.Domains {
				if why, bad := check.NotCustomerKey(d.KMSKey); bad {
					out = append(out, rule.NewResult(d.Resource, d.KMSKey.Meta, d.KMSKey.Value, "%s: %s", d.Address, why))
				}
			}
			return out
		},
	})
}
