variable "unknown" {}

resource "awscc_s3_bucket" "enabled" {
  bucket_name = "ml-data"
  versioning_configuration = {
    status = "Enabled"
  }
}

resource "awscc_s3_bucket" "unknown" {
  bucket_name = "ml-data-2"
  versioning_configuration = {
    status = var.unknown
  }
}
