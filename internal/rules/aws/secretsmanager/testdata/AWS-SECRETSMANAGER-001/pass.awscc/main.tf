variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_secretsmanager_secret" "cmk" {
  name       = "ml/hub-token"
  kms_key_id = awscc_kms_key.key.id
}
