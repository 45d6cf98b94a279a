package bedrock

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-007", Slug: "knowledge-base-data-source-customer-managed-key",
			Title:    "Bedrock knowledge base data source is not encrypted with a customer managed KMS key",
			Severity: rule.Low, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_bedrockagent_data_source", "AWS::Bedrock::DataSource"},
			Frameworks: check.EncryptionAtRest(),
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
				if why, bad := check.NotCustomerKey(ds.KMSKey); bad {
					out = append(out, rule.NewResult(ds.Resource, ds.KMSKey.Meta, ds.KMSKey.Value, "%s: ingestion storage: %s", ds.Address, why))
				}
			}
			return out
		},
	})
}
