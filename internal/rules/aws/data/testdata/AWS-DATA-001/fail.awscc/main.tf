resource "awscc_s3_bucket" "customers" { # expect
  bucket_name = "acme-ml-customer-data"
}

resource "awscc_s3_bucket" "support" {
  bucket_name = "acme-ml-support-chats"
  bucket_encryption = {
    server_side_encryption_configuration = [
      {
        server_side_encryption_by_default = {
          sse_algorithm = "AES256" # expect
        }
      }
    ]
  }
}

resource "awscc_s3_bucket" "features" {
  bucket_name = "acme-ml-features"
}

resource "awscc_s3_bucket" "telemetry" {
  bucket_name = "acme-ml-telemetry"
}
