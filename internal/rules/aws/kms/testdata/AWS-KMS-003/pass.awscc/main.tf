resource "awscc_iam_role" "role" {
  assume_role_policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "awscc_kms_key" "ml_key" {
  enable_key_rotation = true
  key_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "Use", Effect = "Allow", Principal = { AWS = awscc_iam_role.role.arn }, Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = "*" },
    ]
  })
}
