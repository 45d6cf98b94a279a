resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-ml-access-logs"
}

resource "aws_s3_bucket" "customers" {
  bucket = "acme-ml-customer-data"
}

resource "aws_s3_bucket_logging" "customers" {
  bucket        = aws_s3_bucket.customers.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "customers/"
}

resource "aws_s3_bucket" "support" {
  bucket = "acme-ml-support-chats"
}

resource "aws_s3_bucket_logging" "support" {
  bucket        = aws_s3_bucket.support.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "support/"
}

resource "aws_s3_bucket" "features" {
  bucket = "acme-ml-features"
}

resource "aws_s3_bucket" "telemetry" {
  bucket = "acme-ml-telemetry"
}
