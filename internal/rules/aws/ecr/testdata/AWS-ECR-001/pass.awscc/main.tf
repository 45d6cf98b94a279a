variable "unknown" {}

resource "awscc_ecr_repository" "scanned" {
  image_scanning_configuration = {
    scan_on_push = true
  }
}

resource "awscc_ecr_repository" "unknown" {
  image_scanning_configuration = {
    scan_on_push = var.unknown
  }
}
