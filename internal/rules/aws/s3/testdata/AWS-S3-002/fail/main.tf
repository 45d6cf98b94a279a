resource "aws_s3_bucket" "partial" {
  bucket = "ml-partial-111122223333"
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket             = aws_s3_bucket.partial.id
  block_public_acls  = true
  ignore_public_acls = false # expect
}
