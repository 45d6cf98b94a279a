resource "aws_cloudwatch_log_group" "training" { # expect
  name              = "/aws/sagemaker/TrainingJobs"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "endpoints" {
  name       = "/aws/sagemaker/Endpoints/churn"
  kms_key_id = "alias/aws/logs" # expect
}
