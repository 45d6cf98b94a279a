package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-012", Slug: "endpoint-data-capture-customer-managed-key",
			Title:    "SageMaker endpoint data capture is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_endpoint_configuration"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Data capture writes the endpoint's requests and responses to S3: real user inputs and model outputs, often " +
				"personal data. Without a customer managed key, anyone with S3 read access to the bucket can read them.",
			Remediation: "Set data_capture_config.kms_key_id to a customer managed KMS key.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_endpoint_configuration" "this" {
  # ...
  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 20
    destination_s3_uri          = "s3://${aws_s3_bucket.capture.bucket}/capture"
    kms_key_id                  = aws_kms_key.ml.arn
    capture_options { capture_mode = "Input" }
    capture_options { capture_mode = "Output" }
  }
}`},
			Defaults: []string{"data_capture_config.enable_capture: not set by the provider; the API treats it as true",
				"data_capture_config.kms_key_id: none; captured data then uses the bucket's default encryption"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ec := range in.AWS.EndpointConfigs {
				dc := ec.DataCapture
				if dc == nil || !dc.Enabled.IsTrue() {
					continue
				}
				if why, bad := check.NotCustomerKey(dc.KMSKey); bad {
					r := check.At(dc.KMSKey.Meta, dc.Meta)
					out = append(out, rule.NewResult(ec.Resource, r, dc.KMSKey.Value, "%s captures inference data but %s", ec.Address, why))
				}
			}
			return out
		},
	})
}
