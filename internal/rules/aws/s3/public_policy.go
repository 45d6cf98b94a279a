package s3

import (
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-S3-003", Slug: "bucket-policy-public",
			Title:    "S3 bucket policy grants access to everyone",
			Severity: rule.Critical, Category: rule.DataProtection,
			Resources:  []string{"aws_s3_bucket", "aws_s3_bucket_policy", "AWS::S3::Bucket", "AWS::S3::BucketPolicy"},
			Frameworks: framework.PublicAccess("S3.2", "S3.3"),
			Rationale: "A statement that allows Principal \"*\" without a condition opens the bucket to every AWS account and, " +
				"unless the public access block stops it, to anonymous requests: datasets and model artifacts can be downloaded, " +
				"or replaced, by anyone.",
			Remediation: "Name the principals that need access (roles of your account, or accounts of your organization), or " +
				"add a condition such as aws:PrincipalOrgID or aws:SourceVpce.",
			Fixes: map[string]string{"terraform": `data "aws_iam_policy_document" "data" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.data.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.training.arn]
    }
  }
}`, "cloudformation": `PolicyDocument:
  Statement:
    - Effect: Allow
      Principal: {AWS: !GetAtt TrainingRole.Arn}
      Action: s3:GetObject
      Resource: !Sub "${DataBucket.Arn}/*"`},
			Defaults: []string{"no bucket policy: only the identities of the account that are granted access have it",
				"A bucket policy whose bucket is not in the code is judged on its own, at the policy resource"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			out := each(in, PublicPolicy)
			for _, p := range in.AWS.Detached("bucket policy") {
				if sid, ok := p.Document.PublicStatement(); ok {
					out = append(out, rule.NewResult(p.Source, p.Meta, sid,
						"%s: statement %s of this bucket policy (its bucket is not in the code) allows any principal without a condition", p.Source.Address, sid))
				}
			}
			return out
		},
	})
}

// PublicPolicy returns the statements of a bucket's policies that allow any
// principal without a condition.
func PublicPolicy(b *aws.Bucket) []rule.Result {
	var out []rule.Result
	for _, p := range b.Policies {
		if sid, ok := p.Document.PublicStatement(); ok {
			out = append(out, rule.NewResult(b.Resource, p.Meta, sid,
				"%s%s: statement %s of its bucket policy allows any principal without a condition", b.Address, usage(b), sid))
		}
	}
	return out
}
