resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_sagemaker_notebook_instance" "disabled" {
  name          = "disabled"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
}

resource "aws_sagemaker_notebook_instance" "unknown" {
  name          = "unknown"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
  root_access   = terraform_data.unknown.output
}
