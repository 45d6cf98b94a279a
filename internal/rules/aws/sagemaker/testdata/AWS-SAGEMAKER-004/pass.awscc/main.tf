variable "unknown" {}

resource "awscc_sagemaker_notebook_instance" "in_subnet" {
  instance_type      = "ml.t3.medium"
  role_arn           = "arn:aws:iam::111122223333:role/nb"
  subnet_id          = "subnet-0123456789abcdef0"
  security_group_ids = ["sg-0123456789abcdef0"]
}

resource "awscc_sagemaker_notebook_instance" "unknown" {
  instance_type      = "ml.t3.medium"
  role_arn           = "arn:aws:iam::111122223333:role/nb"
  subnet_id          = var.unknown
  security_group_ids = ["sg-0123456789abcdef0"]
}
