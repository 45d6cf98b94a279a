variable "unknown" {}

resource "awscc_s3_bucket" "default" {
}

resource "awscc_s3_bucket" "full" {
  public_access_block_configuration = {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "awscc_s3_bucket" "unknown" {
  public_access_block_configuration = {
    block_public_acls       = var.unknown
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}
