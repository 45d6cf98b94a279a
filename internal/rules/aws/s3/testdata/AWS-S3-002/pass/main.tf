resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_s3_bucket" "default" {
  bucket = "ml-default-111122223333"
}

resource "aws_s3_bucket" "full" {
  bucket = "ml-full-111122223333"
}

resource "aws_s3_bucket_public_access_block" "full" {
  bucket                  = aws_s3_bucket.full.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "unknown" {
  bucket = "ml-unknown-111122223333"
}

resource "aws_s3_bucket_public_access_block" "unknown" {
  bucket                  = aws_s3_bucket.unknown.id
  block_public_acls       = terraform_data.unknown.output
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
