# Holds customer emails and phone numbers (classification.json): no default
# encryption, so S3 managed keys.
resource "aws_s3_bucket" "customers" { # expect
  bucket = "acme-ml-customer-data"
}

# Holds card numbers: encrypted, but with S3 managed keys.
resource "aws_s3_bucket" "support" {
  bucket = "acme-ml-support-chats"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "support" {
  bucket = aws_s3_bucket.support.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect
    }
  }
}

# Not classified: the general rule AWS-S3-001 judges it, not this one.
resource "aws_s3_bucket" "features" {
  bucket = "acme-ml-features"
}

# Holds private addresses only, which are not personal data by themselves.
resource "aws_s3_bucket" "telemetry" {
  bucket = "acme-ml-telemetry"
}
