resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_s3_bucket" "enabled" {
  bucket = "ml-enabled-111122223333"
}

resource "aws_s3_bucket_versioning" "enabled" {
  bucket = aws_s3_bucket.enabled.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "unknown" {
  bucket = "ml-unknown-111122223333"
}

resource "aws_s3_bucket_versioning" "unknown" {
  bucket = aws_s3_bucket.unknown.id
  versioning_configuration {
    status = terraform_data.unknown.output
  }
}
