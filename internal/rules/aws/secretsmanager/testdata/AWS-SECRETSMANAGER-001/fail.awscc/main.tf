variable "unknown" {}

resource "awscc_secretsmanager_secret" "by_default" { # expect
  name = "ml/hub-token"
}
