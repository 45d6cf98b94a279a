resource "awscc_kms_key" "public" {
  enable_key_rotation = true
  key_policy = jsonencode({ # expect
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
      { Effect = "Allow", Principal = { AWS = "*" }, Action = "kms:Decrypt", Resource = "*" },
    ]
  })
}
