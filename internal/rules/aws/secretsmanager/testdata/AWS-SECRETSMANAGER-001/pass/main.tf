resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_kms_key" "secrets" {}

resource "aws_secretsmanager_secret" "cmk" {
  name       = "ml/hub-token"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret" "unknown" {
  name       = "ml/db"
  kms_key_id = terraform_data.unknown.output
}
