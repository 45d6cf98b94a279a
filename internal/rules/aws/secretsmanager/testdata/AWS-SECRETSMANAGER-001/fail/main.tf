resource "aws_secretsmanager_secret" "by_default" { # expect
  name = "ml/hub-token"
}

resource "aws_secretsmanager_secret" "aws_managed" {
  name       = "ml/db"
  kms_key_id = "alias/aws/secretsmanager" # expect
}
