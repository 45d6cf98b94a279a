resource "awscc_s3_bucket" "models" {
}

resource "awscc_s3_bucket" "trail_logs" {
}

resource "awscc_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-exec"
  primary_container = {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn:1"
    model_data_url = "s3://${awscc_s3_bucket.models.bucket_name}/churn/model.tar.gz"
  }
}

resource "awscc_cloudtrail_trail" "trail" {
  is_logging     = true
  s3_bucket_name = awscc_s3_bucket.trail_logs.bucket_name
  event_selectors = [{
    read_write_type = "All"
    data_resources = [{
      type   = "AWS::S3::Object"
      values = ["${awscc_s3_bucket.models.arn}/"]
    }]
  }]
}
