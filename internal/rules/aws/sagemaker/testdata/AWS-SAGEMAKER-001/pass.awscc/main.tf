variable "unknown" {}

resource "awscc_sagemaker_notebook_instance" "disabled" {
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  subnet_id              = "subnet-0abc"
  security_group_ids     = ["sg-0abc"]
  direct_internet_access = "Disabled"
}

resource "awscc_sagemaker_notebook_instance" "unknown" {
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  direct_internet_access = var.unknown
}
