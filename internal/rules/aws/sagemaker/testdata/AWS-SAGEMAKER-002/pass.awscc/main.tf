variable "unknown" {}

resource "awscc_sagemaker_notebook_instance" "disabled" {
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  root_access   = "Disabled"
}

resource "awscc_sagemaker_notebook_instance" "unknown" {
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  root_access   = var.unknown
}
