resource "awscc_cloudtrail_trail" "validated" {
  is_logging                 = true
  s3_bucket_name             = "trail-logs-111122223333"
  enable_log_file_validation = true
}
