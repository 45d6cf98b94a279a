resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_s3_bucket" "tls" {
  bucket = "ml-tls-111122223333"
}

resource "aws_s3_bucket_policy" "tls" {
  bucket = aws_s3_bucket.tls.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::ml-tls-111122223333", "arn:aws:s3:::ml-tls-111122223333/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}

resource "aws_s3_bucket" "unknown" {
  bucket = "ml-unknown-111122223333"
}

resource "aws_s3_bucket_policy" "unknown" {
  bucket = aws_s3_bucket.unknown.id
  policy = terraform_data.unknown.output
}
