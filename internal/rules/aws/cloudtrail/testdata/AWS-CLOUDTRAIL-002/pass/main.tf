resource "aws_cloudtrail" "validated" {
  name                       = "validated"
  s3_bucket_name             = "trail-logs-111122223333"
  enable_log_file_validation = true
}
