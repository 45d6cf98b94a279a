resource "aws_s3_bucket" "private" {
  bucket = "ml-private-111122223333"
}

resource "aws_s3_bucket_acl" "private" {
  bucket = aws_s3_bucket.private.id
  acl    = "private"
}
