resource "aws_sagemaker_endpoint_configuration" "no_key" {
  name        = "no-key"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
  async_inference_config {
    output_config { # expect
      s3_output_path = "s3://inference-bucket/async"
    }
  }
}

resource "aws_sagemaker_endpoint_configuration" "aws_managed" {
  name        = "aws-managed"
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
      kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3" # expect
    }
  }
}
