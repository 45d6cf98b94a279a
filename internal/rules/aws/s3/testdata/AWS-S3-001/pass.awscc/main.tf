variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_s3_bucket" "cmk" {
  bucket_encryption = {
    server_side_encryption_configuration = [
      {
        server_side_encryption_by_default = {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = awscc_kms_key.key.arn
        }
      }
    ]
  }
}

resource "awscc_s3_bucket" "unknown" {
  bucket_encryption = {
    server_side_encryption_configuration = [
      {
        server_side_encryption_by_default = {
          sse_algorithm = var.unknown
        }
      }
    ]
  }
}

resource "awscc_s3_bucket" "access_logs" {
}

resource "awscc_s3_bucket" "logged_data" {
  bucket_encryption = {
    server_side_encryption_configuration = [
      {
        server_side_encryption_by_default = {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      }
    ]
  }
  logging_configuration = {
    destination_bucket_name = awscc_s3_bucket.access_logs.id
  }
}
