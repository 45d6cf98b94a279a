variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_sagemaker_endpoint_config" "linked" {
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
    }
  ]
  kms_key_id = awscc_kms_key.key.arn
}

resource "awscc_sagemaker_endpoint_config" "unknown" {
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
    }
  ]
  kms_key_id = var.unknown
}

resource "awscc_sagemaker_endpoint_config" "local_nvme" {
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.g5.xlarge"
    }
  ]
}

resource "awscc_sagemaker_endpoint_config" "serverless" {
  production_variants = [
    {
      variant_name = "primary"
      model_name   = "model"
      serverless_config = {
        max_concurrency   = 5
        memory_size_in_mb = 2048
      }
    }
  ]
}
