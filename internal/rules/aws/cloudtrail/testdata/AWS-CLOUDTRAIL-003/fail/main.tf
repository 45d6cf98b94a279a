resource "aws_cloudtrail" "by_default" { # expect
  name           = "by_default"
  s3_bucket_name = "trail-logs-111122223333"
}

resource "aws_cloudtrail" "aws_managed" {
  name           = "aws_managed"
  s3_bucket_name = "trail-logs-111122223333"
  kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:alias/aws/cloudtrail" # expect
}
