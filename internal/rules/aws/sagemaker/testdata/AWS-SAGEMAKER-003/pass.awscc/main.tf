variable "unknown" {}

resource "awscc_kms_key" "k" {
  enable_key_rotation = true
}

resource "awscc_sagemaker_notebook_instance" "customer_key" {
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  kms_key_id    = awscc_kms_key.k.key_id
}

resource "awscc_sagemaker_notebook_instance" "unknown" {
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  kms_key_id    = var.unknown
}
