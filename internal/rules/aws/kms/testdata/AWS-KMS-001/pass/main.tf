resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_kms_key" "rotated" {
  enable_key_rotation = true
}

resource "aws_kms_key" "asymmetric" {
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "unknown" {
  enable_key_rotation = terraform_data.unknown.output
}
