resource "aws_sagemaker_notebook_instance" "bare" { # expect
  name          = "bare"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
}
