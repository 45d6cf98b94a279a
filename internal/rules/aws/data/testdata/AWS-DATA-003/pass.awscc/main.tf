resource "awscc_s3_bucket" "access_logs" {
  bucket_name = "acme-ml-access-logs"
}

resource "awscc_s3_bucket" "customers" {
  bucket_name = "acme-ml-customer-data"
  logging_configuration = {
    destination_bucket_name = awscc_s3_bucket.access_logs.bucket_name
    log_file_prefix         = "customers/"
  }
}

resource "awscc_s3_bucket" "support" {
  bucket_name = "acme-ml-support-chats"
  logging_configuration = {
    destination_bucket_name = awscc_s3_bucket.access_logs.bucket_name
    log_file_prefix         = "support/"
  }
}

resource "awscc_s3_bucket" "features" {
  bucket_name = "acme-ml-features"
}

resource "awscc_s3_bucket" "telemetry" {
  bucket_name = "acme-ml-telemetry"
}
