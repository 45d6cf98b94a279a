variable "unknown" {}

resource "awscc_sagemaker_domain" "by_default" { # expect
  domain_name = "bydefault"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}

resource "awscc_sagemaker_domain" "explicit" {
  domain_name = "explicit"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
  app_network_access_type = "PublicInternetOnly" # expect
}
