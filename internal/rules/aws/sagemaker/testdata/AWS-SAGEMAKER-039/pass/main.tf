resource "aws_kms_key" "debug" {
  enable_key_rotation = true
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  name = "churn"
  production_variants {
    variant_name           = "primary"
    model_name             = "churn-v3"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 1
    core_dump_config {
      destination_s3_uri = "s3://ml-debug/core-dumps/"
      kms_key_id         = aws_kms_key.debug.arn
    }
  }
  shadow_production_variants {
    variant_name           = "candidate"
    model_name             = "churn-v4"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 1
  }
}
