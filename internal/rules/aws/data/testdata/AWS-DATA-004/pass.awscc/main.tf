resource "awscc_s3_bucket" "customers" {
  bucket_name = "acme-ml-customer-data"
}

resource "awscc_s3_bucket_policy" "customers" {
  bucket = awscc_s3_bucket.customers.id
  policy_document = jsonencode({
    Statement = [{ Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::acme-ml-customer-data", "arn:aws:s3:::acme-ml-customer-data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}

resource "awscc_s3_bucket" "support" {
  bucket_name = "acme-ml-support-chats"
}

resource "awscc_s3_bucket_policy" "support" {
  bucket = awscc_s3_bucket.support.id
  policy_document = jsonencode({
    Statement = [{ Sid = "Trainer", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/trainer" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-ml-support-chats/*" }, { Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::acme-ml-support-chats", "arn:aws:s3:::acme-ml-support-chats/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}

resource "awscc_s3_bucket" "features" {
  bucket_name = "acme-ml-features"
}

resource "awscc_s3_bucket" "telemetry" {
  bucket_name = "acme-ml-telemetry"
}
