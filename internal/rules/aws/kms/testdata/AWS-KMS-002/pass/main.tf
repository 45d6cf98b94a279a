resource "aws_kms_key" "default_policy" {
  enable_key_rotation = true
}

resource "aws_kms_key" "scoped" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "OrgOnly", Effect = "Allow", Principal = "*", Action = ["kms:Decrypt"], Resource = "*", Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } } },
    ]
  })
}
