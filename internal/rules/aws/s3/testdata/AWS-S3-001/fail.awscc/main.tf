variable "unknown" {}

resource "awscc_s3_bucket" "no_config" { # expect
}

resource "awscc_s3_bucket" "sse_s3" {
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

resource "awscc_s3_bucket" "aws_managed" {
  bucket_encryption = {
    server_side_encryption_configuration = [
      {
        server_side_encryption_by_default = { # expect
          sse_algorithm = "aws:kms"
        }
      }
    ]
  }
}
