variable "unknown" {}

resource "awscc_ecr_repository" "by_default" { # expect
}

resource "awscc_ecr_repository" "explicit" {
  image_tag_mutability = "MUTABLE" # expect
}
