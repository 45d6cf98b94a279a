resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_kms_key" "ml" {}

resource "aws_sagemaker_domain" "linked" {
  domain_name = "linked"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  kms_key_id  = aws_kms_key.ml.arn

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}

resource "aws_sagemaker_domain" "unknown" {
  domain_name = "unknown"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  kms_key_id  = terraform_data.unknown.output

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}
