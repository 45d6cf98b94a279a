resource "awscc_kms_key" "data" {
  enable_key_rotation = true
}

resource "awscc_s3_bucket" "customers" {
  bucket_name = "acme-ml-customer-data"
  bucket_encryption = {
    server_side_encryption_configuration = [
      {
        server_side_encryption_by_default = {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = awscc_kms_key.data.arn
        }
      }
    ]
  }
}

resource "awscc_s3_bucket" "support" {
  bucket_name = "acme-ml-support-chats"
  bucket_encryption = {
    server_side_encryption_configuration = [
      {
        server_side_encryption_by_default = {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = awscc_kms_key.data.arn
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
