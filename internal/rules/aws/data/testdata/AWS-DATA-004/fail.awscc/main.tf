resource "awscc_s3_bucket" "customers" { # expect
  bucket_name = "acme-ml-customer-data"
}

resource "awscc_s3_bucket" "support" {
  bucket_name = "acme-ml-support-chats"
}

resource "awscc_s3_bucket_policy" "support" {
  bucket = awscc_s3_bucket.support.id
  policy_document = jsonencode({ # expect
    Statement = [{ Sid = "Trainer", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/trainer" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-ml-support-chats/*" }]
  })
}

resource "awscc_s3_bucket" "features" {
  bucket_name = "acme-ml-features"
}

resource "awscc_s3_bucket" "telemetry" {
  bucket_name = "acme-ml-telemetry"
}
