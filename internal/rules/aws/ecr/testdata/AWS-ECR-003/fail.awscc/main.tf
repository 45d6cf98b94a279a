variable "unknown" {}

resource "awscc_ecr_repository" "by_default" { # expect
}

resource "awscc_ecr_repository" "aws_managed" {
  encryption_configuration = {
    encryption_type = "KMS" # expect
  }
}
