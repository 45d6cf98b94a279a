resource "terraform_data" "cidrs" {
  input = ["203.0.113.0/24"]
}

resource "aws_sagemaker_workforce" "office" {
  workforce_name = "office"
  cognito_config {
    client_id = "5a6b7c8d9e0f1a2b3c4d5e6f7g"
    user_pool = "eu-west-1_AbCdEfGhI"
  }
  source_ip_config {
    cidrs = ["203.0.113.0/24", "198.51.100.0/24"]
  }
}

resource "aws_sagemaker_workforce" "configured" {
  workforce_name = "configured"
  cognito_config {
    client_id = "5a6b7c8d9e0f1a2b3c4d5e6f7g"
    user_pool = "eu-west-1_AbCdEfGhI"
  }
  source_ip_config {
    cidrs = terraform_data.cidrs.output
  }
}
