package kms

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-KMS-002", Slug: "key-policy-public",
			Title:    "KMS key policy lets any principal use the key",
			Severity: rule.Critical, Category: rule.Identity,
			Resources:  []string{"aws_kms_key", "AWS::KMS::Key"},
			Frameworks: framework.PublicAccess("KMS.5"),
			Rationale: "A key policy statement that allows Principal \"*\" without a condition lets every AWS account use the key: " +
				"whoever copies the encrypted training data or model artifacts can decrypt them, and the key no longer separates " +
				"who may read ML data.",
			Remediation: "Grant the key to named roles of your account (the ML execution roles and key administrators), or " +
				"narrow the statement with conditions such as kms:CallerAccount and kms:ViaService.",
			Fixes: map[string]string{"terraform": `statement {
  actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
  resources = ["*"]
  principals {
    type        = "AWS"
    identifiers = [aws_iam_role.training.arn]
  }
}`, "cloudformation": `- Effect: Allow
  Principal: {AWS: !GetAtt TrainingRole.Arn}
  Action: [kms:Decrypt, kms:GenerateDataKey]
  Resource: "*"`},
			Defaults:   []string{"aws_kms_key.policy: absent means the default key policy, which grants the key to the account's own principals only"},
			References: []string{"https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, k := range in.AWS.KMSKeys {
				if sid, ok := k.Policy.Document.PublicStatement(); ok {
					out = append(out, rule.NewResult(k.Resource, k.Policy.Meta, sid,
						"%s: statement %s of the key policy lets any principal use the key, with no condition", k.Address, sid))
				}
			}
			return out
		},
	})
}
