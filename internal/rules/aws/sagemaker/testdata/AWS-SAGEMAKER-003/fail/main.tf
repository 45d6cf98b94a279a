resource "aws_sagemaker_notebook_instance" "no_key" { # expect
  name          = "no-key"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "aws_managed" {
  name          = "aws-managed"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
  kms_key_id    = "alias/aws/sagemaker" # expect
}
