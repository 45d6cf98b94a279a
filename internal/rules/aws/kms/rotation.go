package kms

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-KMS-001", Slug: "key-rotation",
			Title:    "KMS key does not rotate its key material",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_kms_key", "AWS::KMS::Key"},
			Frameworks: framework.KeyManagement("KMS.4"),
			Rationale: "Keys that protect training data and model artifacts are used for years. Yearly rotation bounds how much " +
				"data one key version protects and how long a leaked key version stays useful.",
			Remediation: "Set enable_key_rotation = true (symmetric encryption keys only).",
			Fixes: map[string]string{"terraform": `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}`, "cloudformation": `MlKey:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true`},
			Defaults: []string{"aws_kms_key.enable_key_rotation: false when not set",
				"aws_kms_key.customer_master_key_spec: SYMMETRIC_DEFAULT when not set (asymmetric and HMAC keys cannot rotate and are not reported)"},
			References: []string{"https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, k := range in.AWS.KMSKeys {
				if !k.Spec.Is("SYMMETRIC_DEFAULT") || !k.Rotation.IsFalse() {
					continue
				}
				out = append(out, rule.NewResult(k.Resource, k.Rotation.Meta, "false",
					"%s does not rotate its key material (enable_key_rotation = false%s)", k.Address, rule.DefaultNote(k.Rotation.Explicit)))
			}
			return out
		},
	})
}
