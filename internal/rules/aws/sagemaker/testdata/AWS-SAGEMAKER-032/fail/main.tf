variable "oidc_secret" {
  type    = string
  default = "dev-secret-2f9c81b7e4"
}

resource "aws_sagemaker_workforce" "literal" {
  workforce_name = "literal"
  oidc_config {
    authorization_endpoint = "https://idp.example.com/authorize"
    client_id              = "sagemaker-labelling"
    client_secret          = "Zm9vYmFyLXNlY3JldC0xMjM0NTY3ODkw" # expect
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

resource "aws_sagemaker_workforce" "defaulted" {
  workforce_name = "defaulted"
  oidc_config {
    authorization_endpoint = "https://idp.example.com/authorize"
    client_id              = "sagemaker-labelling"
    client_secret          = var.oidc_secret # expect
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
