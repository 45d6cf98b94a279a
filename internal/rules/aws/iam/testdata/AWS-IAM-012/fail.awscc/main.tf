resource "awscc_s3_bucket" "models" {
  bucket_name = "models"
}

resource "awscc_s3_bucket_policy" "models" {
  bucket          = awscc_s3_bucket.models.id
  policy_document = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::models/*", Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/ml-deployer" } } }] }) # expect
}

resource "awscc_ecr_repository" "base" {
  repository_name        = "base"
  repository_policy_text = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Condition = { StringLike = { "aws:Referer" = "https://ml.example.com/*" } } }] }) # expect
}

resource "awscc_kms_key" "data" {
  key_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*", Condition = { StringLike = { "aws:PrincipalOrgID" = "o-*" } } }] }) # expect
}

resource "awscc_iam_role" "deployer" {
  assume_role_policy_document = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole", Condition = { StringLike = { "aws:PrincipalArn" = "*:role/deployer" } } }] }) # expect
}

# A policy for a bucket that another stack created: judged on its own.
resource "awscc_s3_bucket_policy" "shared_datasets" {
  bucket          = "shared-datasets"
  policy_document = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::shared-datasets/*", Condition = { StringLike = { "aws:Referer" = "https://data.example.com/*" } } }] }) # expect
}
