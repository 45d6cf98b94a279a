variable "unknown" {}

resource "awscc_ecr_repository" "by_default" { # expect
}

resource "awscc_ecr_repository" "explicit" {
  image_scanning_configuration = {
    scan_on_push = false # expect
  }
}
