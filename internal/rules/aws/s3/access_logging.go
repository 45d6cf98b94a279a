package s3

import (
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-S3-007", Slug: "ml-bucket-access-logging",
			Title:    "ML data or artifact bucket has no server access logging",
			Severity: rule.Low, Category: rule.Logging,
			Resources:  []string{"aws_s3_bucket", "aws_s3_bucket_logging", "AWS::S3::Bucket"},
			Frameworks: framework.Frameworks([]string{"AU-2", "AU-12"}, []string{"DE.CM-09"}, []string{"A.8.15"}, []string{"CC7.2"}, []string{"S3.9"}),
			Rationale: "Server access logs record every request to the bucket, including anonymous and denied ones that " +
				"CloudTrail data events do not show. For a bucket of training data or model artifacts they are the evidence of " +
				"who read or replaced a model, at no cost beyond storage.",
			Remediation: "Add an aws_s3_bucket_logging resource (LoggingConfiguration) that sends the bucket's access logs to a " +
				"separate log bucket.",
			Fixes: map[string]string{"terraform": `resource "aws_s3_bucket_logging" "models" {
  bucket        = aws_s3_bucket.models.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "models/"
}`, "cloudformation": `LoggingConfiguration:
  DestinationBucketName: !Ref AccessLogBucket
  LogFilePrefix: models/`},
			Defaults: []string{"no aws_s3_bucket_logging (or inline logging block): server access logging is off",
				"Only buckets that an ML resource of the scan uses are checked"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(b *aws.Bucket) []rule.Result {
				if len(b.UsedBy) == 0 {
					return nil // only buckets ML resources use
				}
				return AccessLogging(b)
			})
		},
	})
}

// AccessLogging returns what keeps a bucket's requests from being logged.
func AccessLogging(b *aws.Bucket) []rule.Result {
	if b.Logging || b.Uncertain["logging"] {
		return nil
	}
	return []rule.Result{rule.OnResource(b.Resource, "off", "%s%s has no server access logging", b.Address, usage(b))}
}
