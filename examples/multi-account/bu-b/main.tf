# Business unit B (333333333333): its training data, its key, its data
# scientists' role and the role SageMaker trains as.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  mlops   = "arn:aws:iam::111111111111:role/shared-mlops"
}

resource "aws_kms_key" "training" {
  description         = "bu-b training data"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdmin"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CentralTrainingDecrypts"
        Effect    = "Allow"
        Principal = { AWS = local.mlops }
        Action    = "kms:Decrypt"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_s3_bucket" "training" {
  bucket = "bu-b-training-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "training" {
  bucket = aws_s3_bucket.training.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.training.arn
    }
  }
}

resource "aws_s3_bucket_policy" "training" {
  bucket = aws_s3_bucket.training.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CentralTrainingReads"
        Effect    = "Allow"
        Principal = { AWS = local.mlops }
        Action    = ["s3:GetObject", "s3:ListBucket"]
        Resource  = [aws_s3_bucket.training.arn, "${aws_s3_bucket.training.arn}/*"]
      },
      {
        Sid       = "TLSOnly"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.training.arn, "${aws_s3_bucket.training.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

# SageMaker trains as this role inside the unit.
resource "aws_iam_role" "sagemaker" {
  name = "bu-b-sagemaker-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "sagemaker" {
  role = aws_iam_role.sagemaker.id
  name = "read-training-data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = [aws_s3_bucket.training.arn, "${aws_s3_bucket.training.arn}/*"]
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.training.arn
      },
    ]
  })
}

# The unit's data scientists sign in to this role.
resource "aws_iam_role" "ds" {
  name = "bu-b-ds"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.account}:root" }
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy" "ds" {
  role = aws_iam_role.ds.id
  name = "data-science"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "OwnTrainingData"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
        Resource = [aws_s3_bucket.training.arn, "${aws_s3_bucket.training.arn}/*"]
      },
      {
        Sid      = "OwnKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.training.arn
      },
      {
        Sid      = "StartTraining"
        Effect   = "Allow"
        Action   = ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"]
        Resource = "*"
      },
      {
        Sid       = "PassTrainingRole"
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = aws_iam_role.sagemaker.arn
        Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
      },
      {
        Sid      = "PullBaseImages"
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Resource = "*"
      },
      {
        Sid      = "ReadApprovedModels"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "kms:Decrypt"]
        Resource = ["arn:aws:s3:::shared-ml-models/*", "arn:aws:kms:eu-west-1:111111111111:key/*"]
      },
    ]
  })
}
