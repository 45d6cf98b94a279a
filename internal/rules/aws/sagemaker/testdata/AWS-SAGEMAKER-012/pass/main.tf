resource "aws_kms_key" "ml" {}

resource "aws_sagemaker_endpoint_configuration" "with_key" {
  name        = "with-key"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }

  data_capture_config {
    initial_sampling_percentage = 10
    destination_s3_uri          = "s3://capture-bucket/prefix"
    kms_key_id                  = aws_kms_key.ml.arn
    capture_options {
      capture_mode = "Input"
    }
  }
}

resource "aws_sagemaker_endpoint_configuration" "capture_disabled" {
  name        = "capture-disabled"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }

  data_capture_config {
    initial_sampling_percentage = 10
    destination_s3_uri          = "s3://capture-bucket/prefix"
    enable_capture              = false
    capture_options {
      capture_mode = "Input"
    }
  }
}

resource "aws_sagemaker_endpoint_configuration" "no_capture" {
  name        = "no-capture"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}
