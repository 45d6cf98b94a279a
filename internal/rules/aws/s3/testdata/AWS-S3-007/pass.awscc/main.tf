resource "awscc_s3_bucket" "access_logs" {
}

resource "awscc_s3_bucket" "models" {
  logging_configuration = {
    destination_bucket_name = awscc_s3_bucket.access_logs.bucket_name
    log_file_prefix         = "models/"
  }
}

resource "awscc_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-exec"
  primary_container = {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn:1"
    model_data_url = "s3://${awscc_s3_bucket.models.bucket_name}/churn/model.tar.gz"
  }
}
