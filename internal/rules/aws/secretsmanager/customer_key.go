package secretsmanager

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SECRETSMANAGER-001", Slug: "secret-customer-managed-key",
			Title:    "Secrets Manager secret is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_secretsmanager_secret", "AWS::SecretsManager::Secret"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "ML workloads keep database passwords, feature-store credentials and model-hub tokens in Secrets Manager. " +
				"With the AWS managed key, any principal of the account allowed secretsmanager:GetSecretValue reads the secret; a " +
				"customer managed key adds a key policy that must allow it too, and cross-account sharing requires one.",
			Remediation: "Set kms_key_id to a customer managed key.",
			Fixes: map[string]string{"terraform": `resource "aws_secretsmanager_secret" "hub_token" {
  name       = "ml/hub-token"
  kms_key_id = aws_kms_key.secrets.arn
}`, "cloudformation": `KmsKeyId: !GetAtt SecretsKey.Arn`},
			Defaults:   []string{"aws_secretsmanager_secret.kms_key_id: none; the AWS managed key aws/secretsmanager is used"},
			References: []string{"https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.AWS.Secrets {
				out = append(out, check.KeyResult(s.Resource, s.KMSKey, s.KMSKey.Meta, "")...)
			}
			return out
		},
	})
}
