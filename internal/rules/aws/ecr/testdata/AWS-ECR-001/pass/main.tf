resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_ecr_repository" "scanned" {
  name = "scanned"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository" "unknown" {
  name = "unknown"
  image_scanning_configuration {
    scan_on_push = terraform_data.unknown.output
  }
}
