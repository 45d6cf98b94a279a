resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_kms_key" "ml" {}

resource "aws_sagemaker_endpoint_configuration" "linked" {
  name        = "linked"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint_configuration" "unknown" {
  name        = "unknown"
  kms_key_arn = terraform_data.unknown.output

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint_configuration" "local_nvme" {
  name = "local-nvme"

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.g5.xlarge"
  }
}

resource "aws_sagemaker_endpoint_configuration" "serverless" {
  name = "serverless"

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    serverless_config {
      max_concurrency   = 5
      memory_size_in_mb = 2048
    }
  }
}
