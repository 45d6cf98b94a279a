variable "unknown" {}

resource "awscc_ecr_repository" "immutable" {
  image_tag_mutability = "IMMUTABLE"
}

resource "awscc_ecr_repository" "unknown" {
  image_tag_mutability = var.unknown
}
