resource "awscc_s3_bucket" "customers" { # expect
  bucket_name = "acme-ml-customer-data"
}

resource "awscc_s3_bucket" "support" { # expect
  bucket_name = "acme-ml-support-chats"
}

resource "awscc_s3_bucket" "features" {
  bucket_name = "acme-ml-features"
}

resource "awscc_s3_bucket" "telemetry" {
  bucket_name = "acme-ml-telemetry"
}
