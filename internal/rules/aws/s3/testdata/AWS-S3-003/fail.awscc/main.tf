resource "awscc_s3_bucket" "public" {
}

resource "awscc_s3_bucket_policy" "public" {
  bucket = awscc_s3_bucket.public.id
  policy_document = jsonencode({ # expect
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${awscc_s3_bucket.public.arn}/*" }]
  })
}

# The policy of a bucket another stack created: flagged at the policy.
resource "awscc_s3_bucket_policy" "shared" {
  bucket = "ml-shared-111122223333"
  policy_document = jsonencode({ # expect
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-shared-111122223333/*" }]
  })
}
