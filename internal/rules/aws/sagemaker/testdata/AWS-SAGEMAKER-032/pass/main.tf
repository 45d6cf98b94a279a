resource "terraform_data" "secret" {
  input = "read at apply time"
}

resource "aws_sagemaker_workforce" "from_pipeline" {
  workforce_name = "from-pipeline"
  oidc_config {
    authorization_endpoint = "https://idp.example.com/authorize"
    client_id              = "sagemaker-labelling"
    client_secret          = terraform_data.secret.output
    issuer                 = "https://idp.example.com"
    jwks_uri               = "https://idp.example.com/jwks"
    logout_endpoint        = "https://idp.example.com/logout"
    token_endpoint         = "https://idp.example.com/token"
    user_info_endpoint     = "https://idp.example.com/userinfo"
  }
  source_ip_config {
    cidrs = ["203.0.113.0/24"]
  }
}

resource "aws_sagemaker_workforce" "cognito" {
  workforce_name = "cognito"
  cognito_config {
    client_id = "5a6b7c8d9e0f1a2b3c4d5e6f7g"
    user_pool = "eu-west-1_AbCdEfGhI"
  }
}
