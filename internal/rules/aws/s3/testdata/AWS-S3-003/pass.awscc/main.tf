resource "awscc_s3_bucket" "scoped" {
}

resource "awscc_s3_bucket_policy" "scoped" {
  bucket = awscc_s3_bucket.scoped.id
  policy_document = jsonencode({
    Statement = [
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/training" }, Action = "s3:GetObject", Resource = "${awscc_s3_bucket.scoped.arn}/*" },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "${awscc_s3_bucket.scoped.arn}/*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
      },
    ]
  })
}
