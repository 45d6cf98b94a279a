package bedrock

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-001", Slug: "agent-customer-managed-key",
			Title:    "Bedrock agent is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_bedrockagent_agent", "AWS::Bedrock::Agent"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "The agent's key protects its instructions, session state and memory, which hold what users told the agent. " +
				"With the default AWS owned key you cannot restrict, audit or revoke its use.",
			Remediation: "Set customer_encryption_key_arn to a customer managed key.",
			Fixes: map[string]string{"terraform": `resource "aws_bedrockagent_agent" "support" {
  # ...
  customer_encryption_key_arn = aws_kms_key.ml.arn
}`, "cloudformation": `CustomerEncryptionKeyArn: !GetAtt MlKey.Arn`},
			Defaults:   []string{"aws_bedrockagent_agent.customer_encryption_key_arn: none; an AWS owned key is used"},
			References: []string{"https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-agents.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ag := range in.AWS.Agents {
				out = append(out, check.KeyResult(ag.Resource, ag.KMSKey, ag.KMSKey.Meta, "")...)
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-002", Slug: "agent-guardrail",
			Title:    "Bedrock agent has no guardrail",
			Severity: rule.Medium, Category: rule.Isolation,
			Resources:  []string{"aws_bedrockagent_agent", "AWS::Bedrock::Agent"},
			Frameworks: framework.ModelSafety(),
			Rationale: "An agent calls tools and reads knowledge bases on a user's behalf. Without a guardrail nothing filters " +
				"prompt-injection attempts, harmful content or sensitive data in what goes in and comes out.",
			Remediation: "Attach a guardrail with guardrail_configuration { guardrail_identifier, guardrail_version }.",
			Fixes: map[string]string{"terraform": `guardrail_configuration = [{
  guardrail_identifier = aws_bedrock_guardrail.default.guardrail_id
  guardrail_version    = aws_bedrock_guardrail_version.default.version
}]`, "cloudformation": `GuardrailConfiguration:
  GuardrailIdentifier: !GetAtt Guardrail.GuardrailId
  GuardrailVersion: !GetAtt GuardrailVersion.Version`},
			Defaults:   []string{"aws_bedrockagent_agent.guardrail_configuration: none; no guardrail is applied"},
			References: []string{"https://docs.aws.amazon.com/bedrock/latest/userguide/agents-guardrail.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ag := range in.AWS.Agents {
				if ag.Guardrail.Absent() {
					out = append(out, rule.NewResult(ag.Resource, ag.Guardrail.Meta, "none", "%s has no guardrail attached", ag.Address))
				}
			}
			return out
		},
	})
}
