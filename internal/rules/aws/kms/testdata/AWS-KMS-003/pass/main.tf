resource "aws_iam_role" "training" {
  name               = "training"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_kms_key" "ml" {
  description         = "ml"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "Account", Effect = "Allow", Principal = { AWS = "111122223333" }, Action = "kms:*", Resource = "*" },
      { Sid = "Use", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/training" }, Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = "*" },
      { Sid = "Computed", Effect = "Allow", Principal = { AWS = aws_iam_role.training.arn }, Action = "kms:*", Resource = "*" },
      { Sid = "Conditioned", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/admin" }, Action = "kms:*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } },
    ]
  })
}
