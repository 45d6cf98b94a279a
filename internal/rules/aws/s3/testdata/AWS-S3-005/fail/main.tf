resource "aws_s3_bucket" "by_default" { # expect
  bucket = "ml-by-default-111122223333"
}

resource "aws_s3_bucket" "suspended" {
  bucket = "ml-suspended-111122223333"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    status = "Suspended" # expect
  }
}
