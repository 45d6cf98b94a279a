# Shared services (111111111111): the base images, the model bucket, the model
# registry and the central MLOps role that trains for every business unit.
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
  org_id  = "o-a1b2c3d4e5"
}

# Base images every unit builds its training images from.
resource "aws_ecr_repository" "base" {
  name                 = "ml-base"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository_policy" "base" {
  repository = aws_ecr_repository.base.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "UnitsPullBaseImages"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
      # Meant for the units' ML roles; the wildcard account admits a role
      # named ml-anything in any AWS account.
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/ml-*" } }
    }]
  })
}

# Approved models, readable by every account of the organization.
resource "aws_kms_key" "models" {
  description         = "shared models"
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
        Sid       = "OrganizationDecrypts"
        Effect    = "Allow"
        Principal = "*"
        Action    = "kms:Decrypt"
        Resource  = "*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = local.org_id } }
      },
    ]
  })
}

resource "aws_s3_bucket" "models" {
  bucket = "shared-ml-models"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "models" {
  bucket = aws_s3_bucket.models.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.models.arn
    }
  }
}

resource "aws_s3_bucket_policy" "models" {
  bucket = aws_s3_bucket.models.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrganizationReadsModels"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.models.arn}/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = local.org_id } }
    }]
  })
}

resource "aws_sagemaker_model_package_group" "registry" {
  model_package_group_name = "shared-registry"
}

resource "aws_sagemaker_model_package_group_policy" "registry" {
  model_package_group_name = aws_sagemaker_model_package_group.registry.model_package_group_name
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "UnitsRegisterModels"
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"] }
      Action    = ["sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage"]
      Resource  = "arn:aws:sagemaker:eu-west-1:${local.account}:model-package/shared-registry/*"
    }]
  })
}

# The central MLOps role: SageMaker runs the units' training pipelines as it.
resource "aws_iam_role" "mlops" {
  name = "shared-mlops"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "sagemaker.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
      {
        # Added to debug a failing pipeline from bu-a, and never removed.
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::222222222222:role/bu-a-ds" }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy" "mlops" {
  role = aws_iam_role.mlops.id
  name = "train-for-units"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadUnitsTrainingData"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = ["arn:aws:s3:::bu-*-training-data", "arn:aws:s3:::bu-*-training-data/*"]
      },
      {
        Sid      = "DecryptWhereKeyPoliciesAllow"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "*"
      },
      {
        Sid      = "WriteModels"
        Effect   = "Allow"
        Action   = "s3:PutObject"
        Resource = "${aws_s3_bucket.models.arn}/*"
      },
      {
        Sid      = "EncryptModels"
        Effect   = "Allow"
        Action   = "kms:GenerateDataKey"
        Resource = aws_kms_key.models.arn
      },
    ]
  })
}
