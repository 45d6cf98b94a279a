# Holds customer emails and phone numbers: its public access block lets a
# public bucket policy take effect.
resource "aws_s3_bucket" "customers" {
  bucket = "acme-ml-customer-data"
}

resource "aws_s3_bucket_public_access_block" "customers" {
  bucket                  = aws_s3_bucket.customers.id
  block_public_acls       = true
  block_public_policy     = false # expect
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Holds card numbers: readable by everyone through its ACL and its policy.
resource "aws_s3_bucket" "support" {
  bucket = "acme-ml-support-chats"
}

resource "aws_s3_bucket_acl" "support" {
  bucket = aws_s3_bucket.support.id
  acl    = "public-read" # expect
}

resource "aws_s3_bucket_policy" "support" {
  bucket = aws_s3_bucket.support.id
  policy = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Sid = "Everyone", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-ml-support-chats/*" }]
  })
}

# Not classified, or private addresses only: the general rules judge them.
resource "aws_s3_bucket" "features" {
  bucket = "acme-ml-features"
}

resource "aws_s3_bucket_acl" "features" {
  bucket = aws_s3_bucket.features.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "telemetry" {
  bucket = "acme-ml-telemetry"
}

resource "aws_s3_bucket_acl" "telemetry" {
  bucket = aws_s3_bucket.telemetry.id
  acl    = "public-read"
}
