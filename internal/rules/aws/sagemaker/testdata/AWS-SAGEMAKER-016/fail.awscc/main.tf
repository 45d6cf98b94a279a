variable "unknown" {}

resource "awscc_sagemaker_endpoint_config" "no_key" {
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
    }
  ]
  async_inference_config = {
    output_config = { # expect
      s3_output_path = "s3://inference-bucket/async"
    }
  }
}
