resource "aws_sagemaker_notebook_instance" "literal" {
  name          = "literal"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
  kms_key_id    = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" # expect
}

resource "aws_sagemaker_endpoint_configuration" "alias" {
  name        = "alias"
  kms_key_arn = "arn:aws:kms:us-east-1:111122223333:alias/aws/sagemaker" # expect
  production_variants {
    variant_name           = "main"
    model_name             = "churn"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}
