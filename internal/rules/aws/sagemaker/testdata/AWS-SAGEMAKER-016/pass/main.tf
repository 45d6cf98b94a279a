resource "terraform_data" "unknown" {
  input = "known only after apply"
}
resource "aws_kms_key" "ml" {}

resource "aws_sagemaker_endpoint_configuration" "cmk" {
  name        = "cmk"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
  async_inference_config {
    output_config {
      s3_output_path = "s3://inference-bucket/async"
      kms_key_id     = aws_kms_key.ml.arn
    }
  }
}

resource "aws_sagemaker_endpoint_configuration" "unknown" {
  name        = "unknown"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
  async_inference_config {
    output_config {
      s3_output_path = "s3://inference-bucket/async"
      kms_key_id     = terraform_data.unknown.output
    }
  }
}
