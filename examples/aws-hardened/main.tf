# The same ML platform, secure by default: private subnets behind a NAT
# gateway, customer managed keys, no direct internet, least-privilege roles.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "team" {
  type    = string
  default = "research"
}

locals {
  name  = "ml-${var.team}"
  zones = { a = 1, b = 2 }
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "ml" {
  description         = "${local.name} data, volumes and artifacts"
  enable_key_rotation = true
}

resource "aws_vpc" "ml" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_internet_gateway" "ml" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = cidrsubnet(aws_vpc.ml.cidr_block, 8, 0)
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.ml.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.ml.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "ml" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
}

resource "aws_subnet" "private" {
  for_each   = local.zones
  vpc_id     = aws_vpc.ml.id
  cidr_block = cidrsubnet(aws_vpc.ml.cidr_block, 8, 10 + each.value)
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.ml.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.ml.id
  }
}

resource "aws_route_table_association" "private" {
  for_each       = aws_subnet.private
  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}

# The notebook and Studio have no direct internet access; they reach S3 and
# SageMaker through endpoints, so that traffic never needs the NAT gateway.
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.ml.id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
}

resource "aws_vpc_endpoint" "sagemaker" {
  for_each            = toset(["sagemaker.api", "sagemaker.runtime"])
  vpc_id              = aws_vpc.ml.id
  service_name        = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [for s in aws_subnet.private : s.id]
  security_group_ids  = [aws_security_group.ml.id]
  private_dns_enabled = true
}

resource "aws_security_group" "ml" {
  name   = "${local.name}-workloads"
  vpc_id = aws_vpc.ml.id
}

data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "${local.name}-artifacts"
}

# Server access logs can only be delivered to a bucket with SSE-S3 default
# encryption, so this bucket has no KMS key; it is versioned and TLS-only.
resource "aws_s3_bucket" "access_logs" {
  bucket = "${local.name}-access-logs"
}

resource "aws_s3_bucket_versioning" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.access_logs.arn, "${aws_s3_bucket.access_logs.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket_logging" "artifacts" {
  bucket        = aws_s3_bucket.artifacts.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "artifacts/"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  versioning_configuration {
    status = "Enabled"
  }
}

data "aws_iam_policy_document" "artifacts_tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.artifacts.arn, "${aws_s3_bucket.artifacts.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = data.aws_iam_policy_document.artifacts_tls_only.json
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "Artifacts"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }
  statement {
    sid       = "Keys"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.ml.arn]
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "${local.name}-notebook"
  role_arn               = aws_iam_role.execution.arn
  instance_type          = "ml.t3.medium"
  subnet_id              = aws_subnet.private["a"].id
  security_groups        = [aws_security_group.ml.id]
  kms_key_id             = aws_kms_key.ml.arn
  direct_internet_access = "Disabled"
  root_access            = "Disabled"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}

resource "aws_sagemaker_domain" "studio" {
  domain_name             = "${local.name}-studio"
  auth_mode               = "IAM"
  vpc_id                  = aws_vpc.ml.id
  subnet_ids              = [for s in aws_subnet.private : s.id]
  app_network_access_type = "VpcOnly"
  kms_key_id              = aws_kms_key.ml.arn

  default_user_settings {
    execution_role  = aws_iam_role.execution.arn
    security_groups = [aws_security_group.ml.id]
  }
}

resource "aws_sagemaker_model" "churn" {
  name                     = "${local.name}-churn"
  execution_role_arn       = aws_iam_role.execution.arn
  enable_network_isolation = true

  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:0f5a3c1d8e7b9a2c4f6e8d0b1a3c5e7f9d2b4a6c8e0f1a3b5c7d9e1f3a5b7c9d"
    model_data_url = "s3://${aws_s3_bucket.artifacts.bucket}/churn/model.tar.gz"
  }

  vpc_config {
    subnets            = [aws_subnet.private["a"].id, aws_subnet.private["b"].id]
    security_group_ids = [aws_security_group.ml.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  name        = "${local.name}-churn"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.churn.name
    initial_instance_count = 2
    instance_type          = "ml.m5.large"
  }

  data_capture_config {
    initial_sampling_percentage = 20
    destination_s3_uri          = "s3://${aws_s3_bucket.artifacts.bucket}/capture"
    kms_key_id                  = aws_kms_key.ml.arn
    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }
}
