variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_ecr_repository" "cmk" {
  encryption_configuration = {
    encryption_type = "KMS"
    kms_key         = awscc_kms_key.key.arn
  }
}

resource "awscc_ecr_repository" "unknown" {
  encryption_configuration = {
    encryption_type = var.unknown
  }
}
