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
