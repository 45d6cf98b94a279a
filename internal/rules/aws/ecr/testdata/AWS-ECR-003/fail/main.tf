resource "aws_ecr_repository" "by_default" { # expect
  name = "by-default"
}

resource "aws_ecr_repository" "aws_managed" {
  name = "aws-managed"
  encryption_configuration {
    encryption_type = "KMS" # expect
  }
}
