variable "unknown" {}

resource "awscc_sagemaker_endpoint_config" "no_key" {
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
    }
  ]
  data_capture_config = { # expect
    initial_sampling_percentage = 10
    destination_s3_uri          = "s3://capture-bucket/prefix"
    capture_options = [
      {
        capture_mode = "Input"
      }
    ]
  }
}

resource "awscc_sagemaker_endpoint_config" "explicit_enabled" {
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "model"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
    }
  ]
  data_capture_config = { # expect
    initial_sampling_percentage = 10
    destination_s3_uri          = "s3://capture-bucket/prefix"
    capture_options = [
      {
        capture_mode = "Input"
      }
    ]
    enable_capture = true
  }
}
