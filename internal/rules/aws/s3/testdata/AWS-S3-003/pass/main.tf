resource "aws_s3_bucket" "scoped" {
  bucket = "ml-scoped-111122223333"
}

resource "aws_s3_bucket_policy" "scoped" {
  bucket = aws_s3_bucket.scoped.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/training" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-scoped-111122223333/*" }]
  })
}

resource "aws_s3_bucket" "org" {
  bucket = "ml-org-111122223333"
}

resource "aws_s3_bucket_policy" "org" {
  bucket = aws_s3_bucket.org.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-org-111122223333/*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } } }]
  })
}

resource "aws_s3_bucket" "deny" {
  bucket = "ml-deny-111122223333"
}

resource "aws_s3_bucket_policy" "deny" {
  bucket = aws_s3_bucket.deny.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::ml-deny-111122223333", "arn:aws:s3:::ml-deny-111122223333/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}
