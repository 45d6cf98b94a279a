package data

import (
	"slices"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/s3"
	"github.com/mlguard/mlguard/internal/rules/datacheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-DATA-001", Slug: "personal-data-bucket-customer-key",
			Title:    "S3 bucket holding personal data is not encrypted with a customer managed KMS key",
			Severity: rule.High, Category: rule.EncryptionAtRest,
			Resources:  slices.Concat(bucketTypes, []string{"aws_s3_bucket_server_side_encryption_configuration"}),
			Frameworks: framework.EncryptionAtRest("S3.17"),
			Rationale: "Objects under S3 managed keys or the AWS managed aws/s3 key can be read by anyone the bucket lets read " +
				"them. Personal data needs the second, separately audited permission a customer managed key adds (kms:Decrypt), " +
				"a key policy that names who may decrypt, and a way to cut off every copy at once by disabling the key, which " +
				"data protection laws' erasure and breach duties lean on.",
			Remediation: "Configure default encryption with sse_algorithm = \"aws:kms\" and kms_master_key_id set to a customer managed key.",
			Fixes:       datacheck.Fixes("AWS-S3-001"),
			Defaults: []string{datacheck.Default,
				"no default encryption configured: S3 encrypts new objects with S3 managed keys (SSE-S3)",
				"apply_server_side_encryption_by_default.kms_master_key_id: absent with aws:kms means the AWS managed key aws/s3"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
				"https://docs.aws.amazon.com/macie/latest/user/data-classification.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return classified(in, s3.CustomerKey) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-DATA-002", Slug: "personal-data-bucket-public",
			Title:    "S3 bucket holding personal data can be made public or is public",
			Severity: rule.Critical, Category: rule.DataProtection,
			Resources:  slices.Concat(bucketTypes, []string{"aws_s3_bucket_public_access_block", "aws_s3_bucket_acl", "aws_s3_bucket_policy", "AWS::S3::BucketPolicy"}),
			Frameworks: framework.PublicAccess("S3.8", "S3.2", "S3.3"),
			Rationale: "A public bucket of personal data is a reportable breach the day someone lists it. A public access block " +
				"turned off, a canned ACL for everyone or a policy statement for any principal each make that one change away " +
				"or already true.",
			Remediation: "Keep every setting of the bucket's public access block true, use no public canned ACL, and grant the " +
				"bucket policy to named principals only.",
			Fixes: datacheck.Fixes("AWS-S3-002"),
			Defaults: []string{datacheck.Default,
				"no public access block on the bucket: S3 blocks all public access on buckets created since April 2023 (not reported)",
				"aws_s3_bucket_public_access_block.*: each setting is false when not written",
				"acl: absent means private"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return classified(in, s3.PublicAccessBlock, s3.PublicACL, s3.PublicPolicy)
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-DATA-003", Slug: "personal-data-bucket-access-logging",
			Title:    "S3 bucket holding personal data has no server access logging",
			Severity: rule.High, Category: rule.Logging,
			Resources:  slices.Concat(bucketTypes, []string{"aws_s3_bucket_logging"}),
			Frameworks: framework.Frameworks([]string{"AU-2", "AU-12"}, []string{"DE.CM-09"}, []string{"A.8.15"}, []string{"CC7.2"}, []string{"S3.9"}),
			Rationale: "When personal data leaks, the first question is who read which objects. Server access logs answer it, " +
				"anonymous and denied requests included; without them a breach can be neither scoped nor ruled out.",
			Remediation: "Enable server access logging to a separate log bucket (aws_s3_bucket_logging, or LoggingConfiguration).",
			Fixes:       datacheck.Fixes("AWS-S3-007"),
			Defaults:    []string{datacheck.Default, "no aws_s3_bucket_logging (or inline logging block): server access logging is off"},
			References:  []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return classified(in, s3.AccessLogging) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-DATA-004", Slug: "personal-data-bucket-tls-only",
			Title:    "S3 bucket holding personal data accepts requests without TLS",
			Severity: rule.High, Category: rule.EncryptionInTransit,
			Resources:  slices.Concat(bucketTypes, []string{"aws_s3_bucket_policy", "AWS::S3::BucketPolicy"}),
			Frameworks: framework.Transit("S3.5"),
			Rationale: "S3 serves plain HTTP unless the bucket policy refuses it; personal data fetched over HTTP crosses the " +
				"network in clear text.",
			Remediation: "Add a bucket policy statement that denies s3:* when aws:SecureTransport is false.",
			Fixes:       datacheck.Fixes("AWS-S3-004"),
			Defaults:    []string{datacheck.Default, "no bucket policy: S3 serves HTTP and HTTPS requests alike"},
			References:  []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return classified(in, s3.TLSOnly) },
	})
}
