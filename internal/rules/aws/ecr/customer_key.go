package ecr

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-ECR-003", Slug: "repository-customer-managed-key",
			Title:    "ECR repository is not encrypted with a customer managed KMS key",
			Severity: rule.Low, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_ecr_repository", "AWS::ECR::Repository"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Images often embed model weights and proprietary code. A customer managed key lets the key policy decide " +
				"who may pull them, independently of repository permissions, and records every use.",
			Remediation: "Set encryption_configuration { encryption_type = \"KMS\", kms_key = <customer managed key ARN> }. " +
				"Encryption is set at creation: the repository must be recreated.",
			Fixes: map[string]string{"terraform": `resource "aws_ecr_repository" "inference" {
  name = "inference"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ml.arn
  }
}`, "cloudformation": `EncryptionConfiguration:
  EncryptionType: KMS
  KmsKey: !GetAtt MlKey.Arn`},
			Defaults: []string{"aws_ecr_repository.encryption_configuration.encryption_type: \"AES256\" when not set",
				"encryption_type = \"KMS\" without kms_key uses the AWS managed key aws/ecr"},
			References: []string{"https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.AWS.Repositories {
				switch {
				case r.EncryptionType.Is("AES256"):
					out = append(out, rule.NewResult(r.Resource, r.EncryptionType.Meta, "AES256",
						"%s is encrypted with AES256 managed by ECR, not a KMS key%s", r.Address, rule.DefaultNote(r.EncryptionType.Explicit)))
				case r.EncryptionType.Known():
					if why, bad := check.NotCustomerKey(r.KMSKey); bad {
						m := check.At(r.KMSKey.Meta, r.EncryptionType.Meta)
						out = append(out, rule.NewResult(r.Resource, m, r.KMSKey.Value, "%s: %s", r.Address, why))
					}
				}
			}
			return out
		},
	})
}
