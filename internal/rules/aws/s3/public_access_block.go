package s3

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-S3-002", Slug: "bucket-public-access-block-disabled",
			Title:    "S3 bucket public access block has settings turned off",
			Severity: rule.High, Category: rule.DataProtection,
			Resources:  []string{"aws_s3_bucket", "aws_s3_bucket_public_access_block", "AWS::S3::Bucket"},
			Frameworks: framework.PublicAccess("S3.8"),
			Rationale: "The public access block is the guard that stops a bucket policy or ACL from ever making datasets or model " +
				"artifacts public, whatever a later change writes. Turning any of its four settings off removes that guard.",
			Remediation: "Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true.",
			Fixes: map[string]string{"terraform": `resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`, "cloudformation": `PublicAccessBlockConfiguration:
  BlockPublicAcls: true
  BlockPublicPolicy: true
  IgnorePublicAcls: true
  RestrictPublicBuckets: true`},
			Defaults: []string{"no public access block on the bucket: S3 blocks all public access on buckets created since April 2023 (not reported)",
				"aws_s3_bucket_public_access_block.*: each setting is false when not written"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return each(in, PublicAccessBlock) },
	})
}

// PublicAccessBlock returns the settings of a bucket's own public access
// block that are turned off.
func PublicAccessBlock(b *aws.Bucket) []rule.Result {
	p := b.PublicAccessBlock
	if p == nil {
		return nil
	}
	var off []string
	at := p.Meta
	for _, s := range []struct {
		name string
		v    model.Bool
	}{{"block_public_acls", p.BlockPublicACLs}, {"block_public_policy", p.BlockPublicPolicy}, {"ignore_public_acls", p.IgnorePublicACLs}, {"restrict_public_buckets", p.RestrictPublicBuckets}} {
		if s.v.IsFalse() {
			off = append(off, s.name)
			if s.v.Explicit && at == p.Meta {
				at = s.v.Meta // point at the setting written false
			}
		}
	}
	if len(off) == 0 {
		return nil
	}
	return []rule.Result{rule.NewResult(b.Resource, at, strings.Join(off, ","),
		"%s%s has its public access block turned off for %s", b.Address, usage(b), strings.Join(off, ", "))}
}
