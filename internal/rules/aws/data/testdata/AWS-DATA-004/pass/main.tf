resource "aws_s3_bucket" "customers" {
  bucket = "acme-ml-customer-data"
}

resource "aws_s3_bucket_policy" "customers" {
  bucket = aws_s3_bucket.customers.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::acme-ml-customer-data", "arn:aws:s3:::acme-ml-customer-data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}

resource "aws_s3_bucket" "support" {
  bucket = "acme-ml-support-chats"
}

resource "aws_s3_bucket_policy" "support" {
  bucket = aws_s3_bucket.support.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Trainer", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/trainer" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-ml-support-chats/*" },
      { Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::acme-ml-support-chats", "arn:aws:s3:::acme-ml-support-chats/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } },
    ]
  })
}

resource "aws_s3_bucket" "features" {
  bucket = "acme-ml-features"
}

resource "aws_s3_bucket" "telemetry" {
  bucket = "acme-ml-telemetry"
}
