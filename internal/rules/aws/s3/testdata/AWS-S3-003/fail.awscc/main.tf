resource "awscc_s3_bucket" "public" {
}

resource "awscc_s3_bucket_policy" "public" {
  bucket = awscc_s3_bucket.public.id
  policy_document = jsonencode({ # expect
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${awscc_s3_bucket.public.arn}/*" }]
  })
}
