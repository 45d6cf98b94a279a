resource "aws_sagemaker_endpoint_configuration" "no_key" { # expect
  name = "no-key"

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint_configuration" "aws_managed" {
  name        = "aws-managed"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/aws/sagemaker" # expect

  production_variants {
    variant_name           = "primary"
    model_name             = "model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}
