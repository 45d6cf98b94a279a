resource "aws_s3_bucket" "no_config" { # expect
  bucket = "ml-no-config-111122223333"
}

resource "aws_s3_bucket" "sse_s3" {
  bucket = "ml-sse-s3-111122223333"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sse_s3" {
  bucket = aws_s3_bucket.sse_s3.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect
    }
  }
}

resource "aws_s3_bucket" "aws_managed" {
  bucket = "ml-aws-managed-111122223333"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aws_managed" {
  bucket = aws_s3_bucket.aws_managed.id
  rule {
    apply_server_side_encryption_by_default { # expect
      sse_algorithm = "aws:kms"
    }
  }
}
