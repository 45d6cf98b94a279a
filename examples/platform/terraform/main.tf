# A SageMaker platform with realistic mistakes, written once in Terraform and
# once in CloudFormation (../cloudformation/platform.yaml). Resource names
# match (training_data here, TrainingData there), and mlguard must report the
# same rules on the same resources in both. Do not deploy.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

# --- network: a public subnet next to a private one -------------------------

resource "aws_vpc" "platform" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_internet_gateway" "platform" {
  vpc_id = aws_vpc.platform.id
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.platform.id
  cidr_block = "10.40.1.0/24"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.platform.id
  cidr_block = "10.40.2.0/24"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.platform.id
}

resource "aws_route" "public_default" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.platform.id
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "workloads" {
  name        = "workloads"
  description = "ML workloads"
  vpc_id      = aws_vpc.platform.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.platform.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

# --- keys and buckets ---------------------------------------------------------

resource "aws_kms_key" "platform_key" {
  description = "platform"
}

resource "aws_s3_bucket" "training_data" {
  bucket = "platform-training-data-111122223333"
}

resource "aws_s3_bucket" "models" {
  bucket = "platform-models-111122223333"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "models" {
  bucket = aws_s3_bucket.models.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.platform_key.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "models" {
  bucket = aws_s3_bucket.models.id
  versioning_configuration {
    status = "Enabled"
  }
}

# --- identities -------------------------------------------------------------

resource "aws_iam_role" "execution" {
  name = "platform-execution"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
  inline_policy {
    name = "launch"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Sid = "PassAny", Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
        { Sid = "ReadData", Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
      ]
    })
  }
}

# --- Studio, notebooks ------------------------------------------------------

resource "aws_sagemaker_domain" "studio" {
  domain_name = "platform"
  auth_mode   = "IAM"
  vpc_id      = aws_vpc.platform.id
  subnet_ids  = [aws_subnet.private.id]
  default_user_settings {
    execution_role = aws_iam_role.execution.arn
    sharing_settings {
      notebook_output_option = "Allowed"
      s3_output_path         = "s3://platform-models-111122223333/sharing"
    }
  }
}

resource "aws_sagemaker_notebook_instance" "research" {
  name            = "research"
  role_arn        = aws_iam_role.execution.arn
  instance_type   = "ml.t3.medium"
  subnet_id       = aws_subnet.public.id
  security_groups = [aws_security_group.workloads.id]
}

# --- training pipeline, registry, serving -------------------------------------

resource "aws_sagemaker_pipeline" "training" {
  pipeline_name         = "training"
  pipeline_display_name = "training"
  role_arn              = aws_iam_role.execution.arn
  pipeline_definition = jsonencode({
    Version = "2020-12-01"
    Steps = [{
      Name = "Train"
      Type = "Training"
      Arguments = {
        AlgorithmSpecification = { TrainingImage = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1", TrainingInputMode = "File" }
        ResourceConfig         = { InstanceType = "ml.m5.xlarge", InstanceCount = 2, VolumeSizeInGB = 50 }
        OutputDataConfig       = { S3OutputPath = "s3://platform-models-111122223333/training/" }
        Environment            = { WANDB_API_KEY = "0123456789abcdef0123456789abcdef01234567" }
        RoleArn                = "arn:aws:iam::111122223333:role/platform-execution"
        StoppingCondition      = { MaxRuntimeInSeconds = 3600 }
      }
    }]
  })
}

resource "aws_ecr_repository" "serving" {
  name = "serving"
}

resource "aws_sagemaker_model_package_group" "churn" {
  model_package_group_name = "churn"
}

resource "aws_sagemaker_model_package_group_policy" "churn" {
  model_package_group_name = aws_sagemaker_model_package_group.churn.model_package_group_name
  resource_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sagemaker:DescribeModelPackage", Resource = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/*" }]
  })
}

resource "aws_sagemaker_model" "churn_model" {
  name               = "churn"
  execution_role_arn = aws_iam_role.execution.arn
  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/churn/model.tar.gz"
    environment = {
      HF_TOKEN = "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"
    }
  }
  vpc_config {
    subnets            = [aws_subnet.public.id]
    security_group_ids = [aws_security_group.workloads.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "churn_endpoint_config" {
  name = "churn"
  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.churn_model.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
    enable_ssm_access      = true
  }
  data_capture_config {
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://${aws_s3_bucket.training_data.bucket}/capture"
    capture_options {
      capture_mode = "Input"
    }
  }
}

resource "aws_sagemaker_feature_group" "customers" {
  feature_group_name             = "customers"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = aws_iam_role.execution.arn
  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }
  offline_store_config {
    s3_storage_config {
      s3_uri = "s3://${aws_s3_bucket.training_data.bucket}/features"
    }
  }
}

# --- logs and audit -------------------------------------------------------------

resource "aws_cloudwatch_log_group" "training_jobs" {
  name              = "/aws/sagemaker/TrainingJobs"
  retention_in_days = 30
}

resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "platform-trail-111122223333"
}
