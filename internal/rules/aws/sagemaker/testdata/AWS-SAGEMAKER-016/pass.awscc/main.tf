variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_sagemaker_endpoint_config" "cmk" {
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
    }
  ]
  async_inference_config = {
    output_config = {
      s3_output_path = "s3://inference-bucket/async"
      kms_key_id     = awscc_kms_key.key.id
    }
  }
}
