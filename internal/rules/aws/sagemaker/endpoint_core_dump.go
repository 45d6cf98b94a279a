package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-039", Slug: "endpoint-core-dump-cmk",
			Title:    "SageMaker endpoint variant writes core dumps without a customer managed key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_endpoint_configuration"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "A core dump is the memory of the serving container when it crashes: the model's weights and the " +
				"requests and responses in flight. Written to S3 under the AWS managed key, it is readable by every principal " +
				"of the account allowed to read the bucket, and its use of the key cannot be limited or revoked by a key policy.",
			Remediation: "Set core_dump_config.kms_key_id to a customer managed key whose policy admits only the endpoint's role " +
				"and the people who debug it, or remove core_dump_config where no one needs the dumps.",
			Fixes: map[string]string{"terraform": `production_variants {
  # ...
  core_dump_config {
    destination_s3_uri = "s3://ml-debug/core-dumps/"
    kms_key_id         = aws_kms_key.debug.arn
  }
}`},
			Defaults: []string{"core_dump_config.kms_key_id: absent, so SageMaker encrypts the dumps with the AWS managed key for S3",
				"Shadow variants (shadow_production_variants) are judged as production variants are"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantCoreDumpConfig.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ec := range in.AWS.EndpointConfigs {
				for _, v := range ec.Variants {
					if v.CoreDump == nil {
						continue
					}
					why, bad := check.NotCustomerKey(v.CoreDump.KMSKey)
					if !bad {
						continue
					}
					kind := "variant"
					if v.Shadow {
						kind = "shadow variant"
					}
					m := check.At(v.CoreDump.KMSKey.Meta, v.CoreDump.Meta)
					out = append(out, rule.NewResult(ec.Resource, m, v.CoreDump.KMSKey.Value, "%s has a %s writing core dumps: %s", ec.Address, kind, why))
				}
			}
			return out
		},
	})
}
