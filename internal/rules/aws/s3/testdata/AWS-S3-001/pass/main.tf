resource "terraform_data" "unknown" {
  input = "known only after apply"
}
resource "aws_kms_key" "ml" {}

resource "aws_s3_bucket" "cmk" {
  bucket = "ml-cmk-111122223333"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "cmk" {
  bucket = aws_s3_bucket.cmk.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
  }
}

resource "aws_s3_bucket" "unknown" {
  bucket = "ml-unknown-111122223333"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "unknown" {
  bucket = aws_s3_bucket.unknown.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = terraform_data.unknown.output
    }
  }
}

# Server access logs are delivered only to SSE-S3 buckets, so a log target
# without a KMS key is correct.
resource "aws_s3_bucket" "access_logs" {
  bucket = "access-logs-111122223333"
}

resource "aws_s3_bucket" "data" {
  bucket = "ml-data-111122223333"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "data/"
}
