resource "aws_cloudtrail" "by_default" { # expect
  name           = "by_default"
  s3_bucket_name = "trail-logs-111122223333"
}

resource "aws_cloudtrail" "explicit" {
  name                       = "explicit"
  s3_bucket_name             = "trail-logs-111122223333"
  enable_log_file_validation = false # expect
}
