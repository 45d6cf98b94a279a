package kms

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/unknown"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-KMS-003", Slug: "key-policy-full-access-to-principal",
			Title:    "KMS key policy gives a role or user every KMS permission without condition",
			Severity: rule.High, Category: rule.Identity,
			Resources:  []string{"aws_kms_key", "AWS::KMS::Key"},
			Frameworks: framework.KeyManagement(),
			Rationale: "kms:* in a key policy lets the principal use the key and also change its policy, grant it to others, " +
				"disable it or schedule its deletion. Given to a workload role, it lets anyone who runs code as that role lock " +
				"everyone out of the data the key protects, or hand the key to another account. Only the account root (which " +
				"delegates to IAM) should hold kms:* in a key policy.",
			Remediation: "Give workload roles only the cryptographic actions they use (kms:Decrypt, kms:GenerateDataKey, " +
				"kms:Encrypt) and key administrators only the management actions, not kms:*.",
			Fixes: map[string]string{"terraform": `statement {
  sid       = "UseOnly"
  actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
  resources = ["*"]
  principals {
    type        = "AWS"
    identifiers = [aws_iam_role.training.arn]
  }
}`, "cloudformation": `- Sid: UseOnly
  Effect: Allow
  Principal: {AWS: !GetAtt TrainingRole.Arn}
  Action: [kms:Decrypt, kms:GenerateDataKey]
  Resource: "*"`},
			Defaults: []string{"aws_kms_key.policy: absent means the default key policy, which gives kms:* to the account root only",
				"Principals given as computed ARNs (a role's .arn) cannot be told from the root and are not reported; \"*\" is reported by AWS-KMS-002"},
			References: []string{"https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, k := range in.AWS.KMSKeys {
				doc := k.Policy.Document
				if doc == nil {
					continue
				}
				for i := range doc.Statements {
					s := &doc.Statements[i]
					if !s.Allows() || s.HasUnknown() || s.Principal == nil {
						continue
					}
					if _, all := s.GrantsService("kms"); !all {
						continue
					}
					for _, p := range s.Principal.IDs["AWS"] {
						if !unknown.In(p) && p != "*" && !strings.HasSuffix(p, ":root") && !isAccountID(p) {
							out = append(out, rule.NewResult(k.Resource, k.Policy.Meta, doc.Label(i)+":"+p,
								"%s: key policy statement %s gives kms:* to %s with no condition", k.Address, doc.Label(i), p))
						}
					}
				}
			}
			return out
		},
	})
}

// isAccountID reports whether a principal is a bare account ID, which IAM
// reads as that account's root.
func isAccountID(p string) bool {
	if len(p) != 12 {
		return false
	}
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
