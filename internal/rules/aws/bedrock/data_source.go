package bedrock

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-007", Slug: "knowledge-base-data-source-customer-managed-key",
			Title:    "Bedrock knowledge base data source is not encrypted with a customer managed KMS key",
			Severity: rule.Low, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_bedrockagent_data_source", "AWS::Bedrock::DataSource"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "While a knowledge base ingests a data source, Bedrock keeps the documents and their chunks in transient " +
				"storage. The documents are what retrieval-augmented generation exposes: contracts, tickets, wiki pages. A " +
				"customer managed key keeps even that copy under your key policy.",
			Remediation: "Set server_side_encryption_configuration.kms_key_arn to a customer managed key.",
			Fixes: map[string]string{"terraform": `server_side_encryption_configuration {
  kms_key_arn = aws_kms_key.ml.arn
}`, "cloudformation": `ServerSideEncryptionConfiguration:
  KmsKeyArn: !GetAtt MlKey.Arn`},
			Defaults:   []string{"aws_bedrockagent_data_source.server_side_encryption_configuration.kms_key_arn: none; an AWS owned key is used"},
			References: []string{"https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-kb.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ds := range in.AWS.DataSources {
				out = append(out, check.KeyResult(ds.Resource, ds.KMSKey, ds.KMSKey.Meta, "ingestion storage: ")...)
			}
			return out
		},
	})
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-008", Slug: "invocation-logging-without-text",
			Title:    "Bedrock model invocation logging leaves out prompts and responses",
			Severity: rule.Low, Category: rule.Logging,
			Resources:  []string{"aws_bedrock_model_invocation_logging_configuration"},
			Frameworks: framework.Frameworks([]string{"AU-2", "AU-12"}, []string{"DE.CM-09", "PR.PS-04"}, []string{"A.8.15"}, []string{"CC7.2"}, nil),
			Rationale: "Invocation logs are the only record of what was asked of a model and what it answered. With text data " +
				"delivery turned off they keep metadata alone, and a prompt-injection or data-extraction attempt cannot be " +
				"investigated afterwards. (Protect the logs instead: a customer managed key on the log group and bucket.)",
			Remediation: "Set logging_config.text_data_delivery_enabled to true, and encrypt the destination log group and bucket " +
				"with a customer managed key.",
			Fixes: map[string]string{"terraform": `logging_config {
  text_data_delivery_enabled = true
  # ...
}`},
			Defaults:   []string{"logging_config.text_data_delivery_enabled: true when absent (only an explicit false is reported)"},
			References: []string{"https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, il := range in.AWS.InvocationLogging {
				if v := il.TextDelivery; v.Explicit && v.IsFalse() {
					out = append(out, rule.NewResult(il.Resource, v.Meta, "false", "%s does not deliver text data (text_data_delivery_enabled = false)", il.Address))
				}
			}
			return out
		},
	})
}
