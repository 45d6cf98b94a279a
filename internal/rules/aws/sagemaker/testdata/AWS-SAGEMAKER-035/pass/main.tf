resource "aws_sagemaker_domain" "keyed" {
  domain_name = "keyed"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
    sharing_settings {
      notebook_output_option = "Allowed"
      s3_output_path         = "s3://ml-studio-111122223333/sharing"
      s3_kms_key_id          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_sagemaker_domain" "no_output" {
  domain_name = "no-output"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
    sharing_settings {
      s3_output_path = "s3://ml-studio-111122223333/sharing"
    }
  }
}

resource "aws_sagemaker_domain" "no_sharing" {
  domain_name = "no-sharing"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}
