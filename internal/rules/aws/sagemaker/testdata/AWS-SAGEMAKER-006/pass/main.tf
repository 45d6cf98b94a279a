resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_sagemaker_domain" "vpc_only" {
  domain_name             = "vpc-only"
  auth_mode               = "IAM"
  vpc_id                  = "vpc-0123456789abcdef0"
  subnet_ids              = ["subnet-0123456789abcdef0"]
  app_network_access_type = "VpcOnly"

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}

resource "aws_sagemaker_domain" "unknown" {
  domain_name             = "unknown"
  auth_mode               = "IAM"
  vpc_id                  = "vpc-0123456789abcdef0"
  subnet_ids              = ["subnet-0123456789abcdef0"]
  app_network_access_type = terraform_data.unknown.output

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}
