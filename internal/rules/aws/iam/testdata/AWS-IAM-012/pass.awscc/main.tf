resource "awscc_s3_bucket" "models" {
  bucket_name = "models"
}

resource "awscc_s3_bucket_policy" "models" {
  bucket          = awscc_s3_bucket.models.id
  policy_document = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::models/*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } } }] })
}

resource "awscc_ecr_repository" "base" {
  repository_name        = "base"
  repository_policy_text = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/ml-*" } } }] })
}

resource "awscc_kms_key" "data" {
  key_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*", Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } } }] })
}

resource "awscc_iam_role" "deployer" {
  assume_role_policy_document = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } } }] })
}
