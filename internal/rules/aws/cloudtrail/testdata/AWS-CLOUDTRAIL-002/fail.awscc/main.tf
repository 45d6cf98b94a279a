resource "awscc_cloudtrail_trail" "by_default" { # expect
  is_logging     = true
  s3_bucket_name = "trail-logs-111122223333"
}

resource "awscc_cloudtrail_trail" "explicit" {
  is_logging                 = true
  s3_bucket_name             = "trail-logs-111122223333"
  enable_log_file_validation = false # expect
}
