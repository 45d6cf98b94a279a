resource "awscc_sagemaker_notebook_instance" "no_key" { # expect
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
}

resource "awscc_sagemaker_notebook_instance" "aws_managed" {
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  kms_key_id    = "alias/aws/sagemaker" # expect
}
