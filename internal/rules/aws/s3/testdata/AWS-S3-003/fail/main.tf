resource "aws_s3_bucket" "public" {
  bucket = "ml-public-111122223333"
}

resource "aws_s3_bucket_policy" "public" {
  bucket = aws_s3_bucket.public.id
  policy = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Sid = "Anyone", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-public-111122223333/*" }]
  })
}

resource "aws_s3_bucket" "any_aws" {
  bucket = "ml-any-aws-111122223333"
}

resource "aws_s3_bucket_policy" "any_aws" {
  bucket = aws_s3_bucket.any_aws.id
  policy = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-any-aws-111122223333/*" }]
  })
}

# The policy of a bucket another stack created: flagged at the policy.
resource "aws_s3_bucket_policy" "shared" {
  bucket = "ml-shared-111122223333"
  policy = jsonencode({ # expect
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-shared-111122223333/*" }]
  })
}
