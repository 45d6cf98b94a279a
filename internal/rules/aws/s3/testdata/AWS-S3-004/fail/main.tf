resource "aws_s3_bucket" "no_policy" { # expect
  bucket = "ml-no-policy-111122223333"
}

resource "aws_s3_bucket" "allow_only" {
  bucket = "ml-allow-only-111122223333"
}

resource "aws_s3_bucket_policy" "allow_only" {
  bucket = aws_s3_bucket.allow_only.id
  policy = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/training" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-allow-only-111122223333/*" }]
  })
}
