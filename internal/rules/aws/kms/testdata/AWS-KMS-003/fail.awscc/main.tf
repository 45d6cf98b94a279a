resource "awscc_kms_key" "ml_key" {
  enable_key_rotation = true
  key_policy = jsonencode({ # expect
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "Ops", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:user/ops" }, Action = "kms:*", Resource = "*" },
    ]
  })
}
