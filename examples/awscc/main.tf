# A SageMaker notebook and its data written with the AWS Cloud Control
# provider (awscc): attributes are the CloudFormation properties in
# snake_case, and mlguard applies CloudFormation's defaults to what is left
# out. Scan it with
#   go run ./cmd/mlguard scan examples/awscc

terraform {
  required_providers {
    awscc = { source = "hashicorp/awscc" }
  }
}

resource "awscc_kms_key" "data" {
  description = "training data"
  key_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Root"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "awscc_s3_bucket" "training" {
  bucket_name = "ml-training-data-111122223333"
  bucket_encryption = {
    server_side_encryption_configuration = [{
      server_side_encryption_by_default = {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = awscc_kms_key.data.arn
      }
    }]
  }
  public_access_block_configuration = {
    block_public_acls       = true
    block_public_policy     = false
    ignore_public_acls      = true
    restrict_public_buckets = false
  }
}

resource "awscc_iam_role" "notebook" {
  role_name = "notebook"
  assume_role_policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
}

resource "awscc_sagemaker_notebook_instance" "research" {
  notebook_instance_name = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = awscc_iam_role.notebook.arn
  root_access            = "Enabled"
}
