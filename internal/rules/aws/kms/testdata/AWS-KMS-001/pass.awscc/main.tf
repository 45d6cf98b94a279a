variable "unknown" {}

resource "awscc_kms_key" "rotated" {
  description         = "ml data"
  enable_key_rotation = true
}

resource "awscc_kms_key" "unknown" {
  description         = "ml data"
  enable_key_rotation = var.unknown
}
