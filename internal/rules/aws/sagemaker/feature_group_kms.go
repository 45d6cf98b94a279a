package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-017", Slug: "feature-group-online-store-customer-managed-key",
			Title:    "SageMaker feature group online store is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_feature_group", "AWS::SageMaker::FeatureGroup"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "The online store serves the latest feature values of every entity (customers, transactions, devices) at low " +
				"latency; it is a live copy of the most sensitive derived data. A customer managed key keeps its use under your key policy.",
			Remediation: "Set online_store_config.security_config.kms_key_id to a customer managed key.",
			Fixes: map[string]string{"terraform": `online_store_config {
  enable_online_store = true
  security_config {
    kms_key_id = aws_kms_key.ml.arn
  }
}`, "cloudformation": `OnlineStoreConfig:
  EnableOnlineStore: true
  SecurityConfig:
    KmsKeyId: !GetAtt MlKey.Arn`},
			Defaults: []string{"online_store_config.enable_online_store: not set by the provider; the API treats it as false",
				"online_store_config.security_config.kms_key_id: none; an AWS owned key is used"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-security.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, fg := range in.AWS.FeatureGroups {
				on := fg.Online
				if on == nil || !on.Enabled.IsTrue() {
					continue
				}
				if why, bad := check.NotCustomerKey(on.KMSKey); bad {
					m := check.At(on.KMSKey.Meta, on.Meta)
					out = append(out, rule.NewResult(fg.Resource, m, on.KMSKey.Value, "%s has an online store but %s", fg.Address, why))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-018", Slug: "feature-group-offline-store-customer-managed-key",
			Title:    "SageMaker feature group offline store is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_feature_group", "AWS::SageMaker::FeatureGroup"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "The offline store keeps the full history of every feature in S3, the data sets models are trained on. " +
				"Without a customer managed key, S3 read access alone exposes it.",
			Remediation: "Set offline_store_config.s3_storage_config.kms_key_id to a customer managed key.",
			Fixes: map[string]string{"terraform": `offline_store_config {
  s3_storage_config {
    s3_uri     = "s3://${aws_s3_bucket.features.bucket}/offline"
    kms_key_id = aws_kms_key.ml.arn
  }
}`, "cloudformation": `OfflineStoreConfig:
  S3StorageConfig:
    S3Uri: !Sub "s3://${FeatureBucket}/offline"
    KmsKeyId: !GetAtt MlKey.Arn`},
			Defaults:   []string{"offline_store_config.s3_storage_config.kms_key_id: none; objects use the bucket's default encryption"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-security.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, fg := range in.AWS.FeatureGroups {
				off := fg.Offline
				if off == nil {
					continue
				}
				if why, bad := check.NotCustomerKey(off.KMSKey); bad {
					m := check.At(off.KMSKey.Meta, off.Meta)
					out = append(out, rule.NewResult(fg.Resource, m, off.KMSKey.Value, "%s has an offline store but %s", fg.Address, why))
				}
			}
			return out
		},
	})
}
