# An ML platform with the mistakes mlguard exists to catch. Do not deploy.
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
  name = "ml-${var.team}"
}

resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_internet_gateway" "ml" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_subnet" "inference" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = cidrsubnet(aws_vpc.ml.cidr_block, 8, 1)
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.ml.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.ml.id
  }
}

resource "aws_route_table_association" "inference" {
  subnet_id      = aws_subnet.inference.id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "inference" {
  name   = "${local.name}-inference"
  vpc_id = aws_vpc.ml.id
}

data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy_attachment" "full" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}

resource "aws_iam_role_policy" "data" {
  name = "data"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "AllData", Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "${local.name}-notebook"
  role_arn      = aws_iam_role.execution.arn
  instance_type = "ml.t3.medium"
}

# mlguard:ignore AWS-SAGEMAKER-007 exp:2030-01-01 the key lands with the platform VPC
resource "aws_sagemaker_domain" "studio" {
  domain_name = "${local.name}-studio"
  auth_mode   = "IAM"
  vpc_id      = aws_vpc.ml.id
  subnet_ids  = [aws_subnet.inference.id]

  default_user_settings {
    execution_role = aws_iam_role.execution.arn
  }
}

resource "aws_sagemaker_model" "churn" {
  name               = "${local.name}-churn"
  execution_role_arn = aws_iam_role.execution.arn

  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:latest"
    model_data_url = "s3://ml-research-artifacts/churn/model.tar.gz"
  }

  vpc_config {
    subnets            = [aws_subnet.inference.id]
    security_group_ids = [aws_security_group.inference.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  name = "${local.name}-churn"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.churn.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }

  data_capture_config {
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://ml-research-capture/churn"
    capture_options {
      capture_mode = "Input"
    }
  }
}
