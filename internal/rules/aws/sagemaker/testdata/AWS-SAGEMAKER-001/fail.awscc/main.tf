resource "awscc_sagemaker_notebook_instance" "by_default" { # expect
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
}

resource "awscc_sagemaker_notebook_instance" "explicit" {
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  direct_internet_access = "Enabled" # expect
}
