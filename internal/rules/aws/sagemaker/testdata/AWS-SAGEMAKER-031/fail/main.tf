resource "aws_sagemaker_workforce" "open" { # expect
  workforce_name = "open"
  cognito_config {
    client_id = "5a6b7c8d9e0f1a2b3c4d5e6f7g"
    user_pool = "eu-west-1_AbCdEfGhI"
  }
}

resource "aws_sagemaker_workforce" "anywhere" {
  workforce_name = "anywhere"
  cognito_config {
    client_id = "5a6b7c8d9e0f1a2b3c4d5e6f7g"
    user_pool = "eu-west-1_AbCdEfGhI"
  }
  source_ip_config {
    cidrs = ["0.0.0.0/0"] # expect
  }
}
