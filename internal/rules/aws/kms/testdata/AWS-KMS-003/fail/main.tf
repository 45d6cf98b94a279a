resource "aws_kms_key" "ml" {
  description         = "ml"
  enable_key_rotation = true
  policy = jsonencode({ # expect
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "Training", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/training" }, Action = "kms:*", Resource = "*" },
    ]
  })
}
