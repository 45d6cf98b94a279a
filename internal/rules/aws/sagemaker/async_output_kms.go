package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-016", Slug: "endpoint-async-output-customer-managed-key",
			Title:    "SageMaker asynchronous inference output is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_endpoint_configuration", "AWS::SageMaker::EndpointConfig"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Asynchronous endpoints write every prediction to S3. Without a customer managed key, whoever can read the " +
				"output bucket reads the model's outputs, which often carry the personal data of the requests.",
			Remediation: "Set async_inference_config.output_config.kms_key_id to a customer managed key.",
			Fixes: map[string]string{"terraform": `async_inference_config {
  output_config {
    s3_output_path = "s3://${aws_s3_bucket.inference.bucket}/async"
    kms_key_id     = aws_kms_key.ml.arn
  }
}`, "cloudformation": `AsyncInferenceConfig:
  OutputConfig:
    S3OutputPath: !Sub "s3://${InferenceBucket}/async"
    KmsKeyId: !GetAtt MlKey.Arn`},
			Defaults:   []string{"async_inference_config.output_config.kms_key_id: none; output then uses the bucket's default encryption"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceOutputConfig.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ec := range in.AWS.EndpointConfigs {
				ao := ec.AsyncOutput
				if ao == nil {
					continue
				}
				if why, bad := check.NotCustomerKey(ao.KMSKey); bad {
					m := check.At(ao.KMSKey.Meta, ao.Meta)
					out = append(out, rule.NewResult(ec.Resource, m, ao.KMSKey.Value, "%s writes asynchronous inference output but %s", ec.Address, why))
				}
			}
			return out
		},
	})
}
