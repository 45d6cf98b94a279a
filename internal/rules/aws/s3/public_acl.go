package s3

import (
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

// publicACLs are the canned ACLs that grant to everyone or every AWS user.
var publicACLs = map[string]bool{"public-read": true, "public-read-write": true, "authenticated-read": true}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-S3-006", Slug: "bucket-public-acl",
			Title:    "S3 bucket has a canned ACL that grants access to everyone",
			Severity: rule.High, Category: rule.DataProtection,
			Resources:  []string{"aws_s3_bucket_acl", "aws_s3_bucket", "AWS::S3::Bucket"},
			Frameworks: framework.PublicAccess("S3.2", "S3.3"),
			Rationale: "public-read and public-read-write let anyone list (and write) the bucket; authenticated-read lets any AWS " +
				"account do so. Datasets and model artifacts in it are public.",
			Remediation: "Use the private ACL (or disable ACLs with object ownership BucketOwnerEnforced) and grant access in the bucket policy.",
			Fixes: map[string]string{"terraform": `resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}`, "cloudformation": `OwnershipControls:
  Rules:
    - ObjectOwnership: BucketOwnerEnforced`},
			Defaults:   []string{"no ACL: the bucket is private"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl"},
		},
		Check: func(in *rule.Input) []rule.Result { return each(in, PublicACL) },
	})
}

// PublicACL returns a bucket's canned ACL when it grants access to everyone.
func PublicACL(b *aws.Bucket) []rule.Result {
	if b.ACL.Known() && publicACLs[b.ACL.Value] {
		return []rule.Result{rule.NewResult(b.Resource, b.ACL.Meta, b.ACL.Value,
			"%s%s has the canned ACL %q", b.Address, usage(b), b.ACL.Value)}
	}
	return nil
}
