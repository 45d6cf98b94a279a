resource "aws_kms_key" "data" {
  description         = "personal data in ML datasets"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "customers" {
  bucket = "acme-ml-customer-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "customers" {
  bucket = aws_s3_bucket.customers.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "support" {
  bucket = "acme-ml-support-chats"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "support" {
  bucket = aws_s3_bucket.support.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}

# Neither is classified as holding personal data.
resource "aws_s3_bucket" "features" {
  bucket = "acme-ml-features"
}

resource "aws_s3_bucket" "telemetry" {
  bucket = "acme-ml-telemetry"
}

# A name known only after apply cannot be matched to a classification.
resource "aws_s3_bucket" "generated" {
  bucket_prefix = "acme-ml-customer-data"
}
