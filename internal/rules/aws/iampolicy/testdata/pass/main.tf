resource "aws_iam_role" "training" {
  name = "training"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
}

resource "aws_iam_role_policy" "training" {
  name = "training"
  role = aws_iam_role.training.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Objects", Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::ml-data/*" },
      { Sid = "Bucket", Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::ml-data" },
      { Sid = "Key", Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = "arn:aws:kms:us-east-1:111122223333:key/k1" },
      { Sid = "Login", Effect = "Allow", Action = "ecr:GetAuthorizationToken", Resource = "*" },
      { Sid = "Unknown", Effect = "Allow", Action = "s3:*", Resource = "${aws_s3_bucket.data.arn}/*" }
    ]
  })
}

resource "aws_s3_bucket" "data" {
  bucket = "ml-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "TLSOnly", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::ml-data", "arn:aws:s3:::ml-data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } },
      { Sid = "Endpoint", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-data/*", Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d" } } }
    ]
  })
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }]
  })
}
