variable "unknown" {}

resource "awscc_sagemaker_notebook_instance" "by_default" { # expect
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
}

resource "awscc_sagemaker_notebook_instance" "explicit" {
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_metadata_service_configuration = {
    minimum_instance_metadata_service_version = "1" # expect
  }
}
