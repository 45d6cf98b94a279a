resource "awscc_sagemaker_domain" "studio" {
  domain_name = "studio"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
    sharing_settings = { # expect
      notebook_output_option = "Allowed"
      s3_output_path         = "s3://ml-studio-111122223333/sharing"
    }
  }
}

resource "awscc_sagemaker_user_profile" "analyst" {
  domain_id         = awscc_sagemaker_domain.studio.domain_id
  user_profile_name = "analyst"
  user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/studio"
    sharing_settings = {
      notebook_output_option = "Allowed"
      s3_kms_key_id          = "alias/aws/s3" # expect
    }
  }
}
