resource "awscc_s3_bucket" "by_default" { # expect
  bucket_name = "ml-data"
}

resource "awscc_s3_bucket" "suspended" {
  bucket_name = "ml-data-2"
  versioning_configuration = {
    status = "Suspended" # expect
  }
}
