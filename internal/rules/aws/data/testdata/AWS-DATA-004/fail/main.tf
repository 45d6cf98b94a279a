# Holds customer emails and phone numbers, and has no bucket policy at all.
resource "aws_s3_bucket" "customers" { # expect
  bucket = "acme-ml-customer-data"
}

# Holds card numbers; its policy does not refuse plain HTTP.
resource "aws_s3_bucket" "support" {
  bucket = "acme-ml-support-chats"
}

resource "aws_s3_bucket_policy" "support" {
  bucket = aws_s3_bucket.support.id
  policy = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Sid = "Trainer", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/trainer" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-ml-support-chats/*" }]
  })
}

resource "aws_s3_bucket" "features" {
  bucket = "acme-ml-features"
}

resource "aws_s3_bucket" "telemetry" {
  bucket = "acme-ml-telemetry"
}
