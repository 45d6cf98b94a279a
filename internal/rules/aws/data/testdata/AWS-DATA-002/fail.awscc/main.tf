resource "awscc_s3_bucket" "customers" {
  bucket_name = "acme-ml-customer-data"
  public_access_block_configuration = {
    block_public_acls       = true
    block_public_policy     = false # expect
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "awscc_s3_bucket" "support" {
  bucket_name    = "acme-ml-support-chats"
  access_control = "PublicRead" # expect
}

resource "awscc_s3_bucket" "features" {
  bucket_name    = "acme-ml-features"
  access_control = "PublicRead"
}

resource "awscc_s3_bucket" "telemetry" {
  bucket_name    = "acme-ml-telemetry"
  access_control = "PublicRead"
}
