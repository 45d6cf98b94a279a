resource "aws_ecr_repository" "by_default" { # expect
  name = "by-default"
}

resource "aws_ecr_repository" "explicit" {
  name                 = "explicit"
  image_tag_mutability = "MUTABLE" # expect
}
