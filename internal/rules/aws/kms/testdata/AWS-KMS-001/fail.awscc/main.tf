resource "awscc_kms_key" "by_default" { # expect
  description = "ml data"
}

resource "awscc_kms_key" "explicit" {
  description         = "ml data"
  enable_key_rotation = false # expect
}
