variable "unknown" {}

resource "awscc_sagemaker_domain" "vpc_only" {
  domain_name = "vpconly"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
  app_network_access_type = "VpcOnly"
}

resource "awscc_sagemaker_domain" "unknown" {
  domain_name = "unknown"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
  app_network_access_type = var.unknown
}
