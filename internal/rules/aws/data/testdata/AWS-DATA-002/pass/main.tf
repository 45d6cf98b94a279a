# No public access block of its own: S3 blocks all public access by default.
resource "aws_s3_bucket" "customers" {
  bucket = "acme-ml-customer-data"
}

resource "aws_s3_bucket" "support" {
  bucket = "acme-ml-support-chats"
}

resource "aws_s3_bucket_public_access_block" "support" {
  bucket                  = aws_s3_bucket.support.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_acl" "support" {
  bucket = aws_s3_bucket.support.id
  acl    = "private"
}

resource "aws_s3_bucket_policy" "support" {
  bucket = aws_s3_bucket.support.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Trainer", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/trainer" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-ml-support-chats/*" }]
  })
}

resource "aws_s3_bucket" "features" {
  bucket = "acme-ml-features"
}

resource "aws_s3_bucket_acl" "features" {
  bucket = aws_s3_bucket.features.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "telemetry" {
  bucket = "acme-ml-telemetry"
}

resource "aws_s3_bucket_acl" "telemetry" {
  bucket = aws_s3_bucket.telemetry.id
  acl    = "public-read"
}
