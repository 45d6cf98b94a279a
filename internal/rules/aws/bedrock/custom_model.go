package bedrock

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

var customModelRefs = []string{"https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-custom-job.html"}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-004", Slug: "custom-model-customer-managed-key",
			Title:    "Bedrock custom model is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_bedrock_custom_model"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "A fine-tuned model has learned from your training data and can repeat it. Without a customer managed key " +
				"the model is protected by an AWS owned key whose use you cannot restrict, audit or revoke.",
			Remediation: "Set custom_model_kms_key_id to a customer managed key.",
			Fixes: map[string]string{"terraform": `resource "aws_bedrock_custom_model" "support" {
  # ...
  custom_model_kms_key_id = aws_kms_key.ml.arn
}`},
			Defaults:   []string{"aws_bedrock_custom_model.custom_model_kms_key_id: none; an AWS owned key is used"},
			References: customModelRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, cm := range in.AWS.CustomModels {
				out = append(out, check.KeyResult(cm.Resource, cm.KMSKey, cm.KMSKey.Meta, "")...)
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-005", Slug: "custom-model-job-outside-vpc",
			Title:    "Bedrock model customization job does not reach its data through your VPC",
			Severity: rule.Low, Category: rule.Network,
			Resources:  []string{"aws_bedrock_custom_model"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "With vpc_config the customization job reads training data and writes output through your VPC, where S3 " +
				"VPC endpoint policies and bucket policies on aws:SourceVpc can keep the data from leaving; without it the job " +
				"reaches S3 over AWS's network and those controls do not apply.",
			Remediation: "Add vpc_config with private subnets and a security group, and an S3 gateway endpoint in that VPC.",
			Fixes: map[string]string{"terraform": `vpc_config {
  subnet_ids         = [aws_subnet.private.id]
  security_group_ids = [aws_security_group.bedrock_jobs.id]
}`},
			Defaults:   []string{"aws_bedrock_custom_model.vpc_config: absent -> the job runs outside your VPCs"},
			References: customModelRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, cm := range in.AWS.CustomModels {
				if cm.VPCConfig == nil {
					out = append(out, rule.OnResource(cm.Resource, "none", "%s has no vpc_config, so the customization job runs outside your VPCs", cm.Address))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-006", Slug: "guardrail-customer-managed-key",
			Title:    "Bedrock guardrail is not encrypted with a customer managed KMS key",
			Severity: rule.Low, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_bedrock_guardrail", "AWS::Bedrock::Guardrail"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "A guardrail stores its denied topics, word lists and sensitive-information patterns, which often name the " +
				"very data you protect (customer identifiers, internal project names). A customer managed key keeps them under your key policy.",
			Remediation: "Set kms_key_arn to a customer managed key.",
			Fixes:       map[string]string{"terraform": `kms_key_arn = aws_kms_key.ml.arn`, "cloudformation": `KmsKeyArn: !GetAtt MlKey.Arn`},
			Defaults:    []string{"aws_bedrock_guardrail.kms_key_arn: none; an AWS owned key is used"},
			References:  []string{"https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, g := range in.AWS.Guardrails {
				out = append(out, check.KeyResult(g.Resource, g.KMSKey, g.KMSKey.Meta, "")...)
			}
			return out
		},
	})
}
