resource "awscc_s3_bucket" "no_policy" { # expect
}

resource "awscc_s3_bucket" "allow_only" {
}

resource "awscc_s3_bucket_policy" "allow_only" {
  bucket = awscc_s3_bucket.allow_only.id
  policy_document = jsonencode({ # expect
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/training" }
      Action    = "s3:GetObject"
      Resource  = "${awscc_s3_bucket.allow_only.arn}/*"
    }]
  })
}
