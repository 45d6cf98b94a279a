variable "unknown" {}

resource "awscc_sagemaker_notebook_instance" "no_subnet" { # expect
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
}
