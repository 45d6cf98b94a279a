variable "unknown" {}

resource "awscc_sagemaker_notebook_instance" "v2" {
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_metadata_service_configuration = {
    minimum_instance_metadata_service_version = "2"
  }
}

resource "awscc_sagemaker_notebook_instance" "unknown" {
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_metadata_service_configuration = {
    minimum_instance_metadata_service_version = var.unknown
  }
}
