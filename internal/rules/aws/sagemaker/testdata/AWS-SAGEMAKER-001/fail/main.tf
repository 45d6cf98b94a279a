resource "aws_sagemaker_notebook_instance" "by_default" { # expect
  name          = "by-default"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "explicit" {
  name                   = "explicit"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled" # expect
}
