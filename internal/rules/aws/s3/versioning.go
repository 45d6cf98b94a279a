package s3

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-S3-005", Slug: "bucket-versioning",
			Title:    "S3 bucket does not keep object versions",
			Severity: rule.Medium, Category: rule.DataProtection,
			Resources:  []string{"aws_s3_bucket", "aws_s3_bucket_versioning", "AWS::S3::Bucket"},
			Frameworks: framework.Integrity("S3.14"),
			Rationale: "Without versioning, overwriting a model artifact or a training set erases the previous one: a poisoned or " +
				"backdoored model replaces the good one without a trace, and an accidental delete cannot be undone.",
			Remediation: "Enable versioning, and expire noncurrent versions with a lifecycle rule to bound cost.",
			Fixes: map[string]string{"terraform": `resource "aws_s3_bucket_versioning" "models" {
  bucket = aws_s3_bucket.models.id
  versioning_configuration {
    status = "Enabled"
  }
}`, "cloudformation": `VersioningConfiguration:
  Status: Enabled`},
			Defaults:   []string{"no versioning configuration: versioning is disabled"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, b := range in.AWS.Buckets {
				v := b.Versioning
				if b.Uncertain["versioning"] || !v.Known() || v.Value == "Enabled" {
					continue
				}
				out = append(out, rule.NewResult(b.Resource, v.Meta, v.Value,
					"%s%s does not keep object versions (versioning %s%s)", b.Address, usage(b), v.Value, rule.DefaultNote(v.Explicit)))
			}
			return out
		},
	})
}
