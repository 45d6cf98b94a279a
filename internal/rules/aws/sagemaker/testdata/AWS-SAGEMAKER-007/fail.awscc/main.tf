variable "unknown" {}

resource "awscc_sagemaker_domain" "no_key" { # expect
  domain_name = "nokey"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}

resource "awscc_sagemaker_domain" "aws_managed" {
  domain_name = "awsmanaged"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
  kms_key_id = "alias/aws/sagemaker" # expect
}
