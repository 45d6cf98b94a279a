resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_ecr_repository" "immutable" {
  name                 = "immutable"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "unknown" {
  name                 = "unknown"
  image_tag_mutability = terraform_data.unknown.output
}
