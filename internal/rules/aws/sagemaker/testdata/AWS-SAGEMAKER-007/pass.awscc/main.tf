variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_sagemaker_domain" "linked" {
  domain_name = "linked"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
  kms_key_id = awscc_kms_key.key.id
}

resource "awscc_sagemaker_domain" "unknown" {
  domain_name = "unknown"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
  kms_key_id = var.unknown
}
