resource "aws_s3_bucket" "public_read" {
  bucket = "ml-public-read-111122223333"
}

resource "aws_s3_bucket_acl" "public_read" {
  bucket = aws_s3_bucket.public_read.id
  acl    = "public-read" # expect
}
