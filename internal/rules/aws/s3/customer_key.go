package s3

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-S3-001", Slug: "bucket-customer-managed-key",
			Title:    "S3 bucket does not encrypt objects with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "AWS::S3::Bucket"},
			Frameworks: framework.EncryptionAtRest("S3.17"),
			Rationale: "Training data, features and model artifacts in a bucket encrypted with S3 managed keys (SSE-S3) or the AWS " +
				"managed aws/s3 key can be read by anyone with s3:GetObject on it. A customer managed key adds a second, separately " +
				"audited permission (kms:Decrypt) and lets you cut off all access by disabling the key.",
			Remediation: "Configure default encryption with sse_algorithm = \"aws:kms\" and kms_master_key_id set to a customer managed key.",
			Fixes: map[string]string{"terraform": `resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
    bucket_key_enabled = true
  }
}`, "cloudformation": `BucketEncryption:
  ServerSideEncryptionConfiguration:
    - ServerSideEncryptionByDefault:
        SSEAlgorithm: aws:kms
        KMSMasterKeyID: !GetAtt MlKey.Arn`},
			Defaults: []string{"no default encryption configured: S3 encrypts new objects with S3 managed keys (SSE-S3)",
				"buckets that receive server access logs are not checked: S3 delivers those logs only to SSE-S3 buckets",
				"apply_server_side_encryption_by_default.kms_master_key_id: absent with aws:kms means the AWS managed key aws/s3"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return each(in, CustomerKey) },
	})
}

// CustomerKey returns what keeps a bucket's objects from being encrypted
// under a customer managed key.
func CustomerKey(b *aws.Bucket) []rule.Result {
	if b.LogTarget || b.Uncertain["log_target"] {
		return nil // server access logs are delivered only to SSE-S3 buckets
	}
	e := b.Encryption
	switch {
	case e == nil && !b.Uncertain["encryption"]:
		return []rule.Result{rule.NewResult(b.Resource, model.Meta{Range: b.Range}, "SSE-S3",
			"%s%s has no default encryption with a KMS key, so objects use S3 managed keys", b.Address, usage(b))}
	case e == nil || !e.Algorithm.Known():
	case e.Algorithm.Value == "AES256":
		return []rule.Result{rule.NewResult(b.Resource, e.Algorithm.Meta, "AES256",
			"%s%s encrypts with S3 managed keys (sse_algorithm = \"AES256\")", b.Address, usage(b))}
	default:
		if why, bad := check.NotCustomerKey(e.KMSKey); bad {
			m := check.At(e.KMSKey.Meta, e.Meta)
			return []rule.Result{rule.NewResult(b.Resource, m, e.KMSKey.Value, "%s%s: %s", b.Address, usage(b), why)}
		}
	}
	return nil
}
