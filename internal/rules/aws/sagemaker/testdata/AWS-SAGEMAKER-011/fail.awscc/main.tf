variable "unknown" {}

resource "awscc_sagemaker_endpoint_config" "no_key" { # expect
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
    }
  ]
}

resource "awscc_sagemaker_endpoint_config" "aws_managed" {
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
    }
  ]
  kms_key_id = "alias/aws/sagemaker" # expect
}
