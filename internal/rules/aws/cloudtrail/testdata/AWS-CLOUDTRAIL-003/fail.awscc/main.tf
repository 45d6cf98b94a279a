resource "awscc_cloudtrail_trail" "by_default" { # expect
  is_logging     = true
  s3_bucket_name = "trail-logs-111122223333"
}

resource "awscc_cloudtrail_trail" "aws_managed" {
  is_logging     = true
  s3_bucket_name = "trail-logs-111122223333"
  kms_key_id     = "alias/aws/cloudtrail" # expect
}
