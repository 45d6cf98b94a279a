resource "aws_sagemaker_domain" "no_key" { # expect
  domain_name = "no-key"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}

resource "aws_sagemaker_domain" "aws_managed" {
  domain_name = "aws-managed"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  kms_key_id  = "arn:aws:kms:eu-west-1:111122223333:alias/aws/sagemaker" # expect

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}
