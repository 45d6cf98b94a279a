package s3

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-S3-004", Slug: "bucket-tls-only",
			Title:    "S3 bucket policy does not deny requests without TLS",
			Severity: rule.Medium, Category: rule.EncryptionInTransit,
			Resources:  []string{"aws_s3_bucket", "aws_s3_bucket_policy", "AWS::S3::Bucket", "AWS::S3::BucketPolicy"},
			Frameworks: framework.Transit("S3.5"),
			Rationale: "S3 accepts plain HTTP requests unless the bucket policy refuses them. Training data and model artifacts " +
				"fetched over HTTP can be read or altered on the way; a poisoned artifact is loaded and run by the serving container.",
			Remediation: "Add a statement that denies s3:* on the bucket and its objects when aws:SecureTransport is false.",
			Fixes: map[string]string{"terraform": `statement {
  sid       = "DenyInsecureTransport"
  effect    = "Deny"
  actions   = ["s3:*"]
  resources = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
  principals {
    type        = "*"
    identifiers = ["*"]
  }
  condition {
    test     = "Bool"
    variable = "aws:SecureTransport"
    values   = ["false"]
  }
}`, "cloudformation": `- Sid: DenyInsecureTransport
  Effect: Deny
  Principal: "*"
  Action: s3:*
  Resource: [!GetAtt DataBucket.Arn, !Sub "${DataBucket.Arn}/*"]
  Condition: {Bool: {aws:SecureTransport: "false"}}`},
			Defaults:   []string{"no bucket policy: S3 serves HTTP and HTTPS requests alike"},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return each(in, TLSOnly) },
	})
}

// TLSOnly returns what keeps a bucket from refusing requests without TLS.
func TLSOnly(b *aws.Bucket) []rule.Result {
	if b.Uncertain["policy"] {
		return nil
	}
	if len(b.Policies) == 0 {
		return []rule.Result{rule.NewResult(b.Resource, model.Meta{Range: b.Range}, "no policy",
			"%s%s has no bucket policy, so it accepts requests without TLS", b.Address, usage(b))}
	}
	denied, known := false, true
	for _, p := range b.Policies {
		known = known && p.Document != nil
		denied = denied || p.Document.DeniesInsecureTransport()
	}
	if known && !denied {
		return []rule.Result{rule.NewResult(b.Resource, b.Policies[0].Meta, "no deny",
			"%s%s: its bucket policy does not deny requests where aws:SecureTransport is false", b.Address, usage(b))}
	}
	return nil
}
