resource "terraform_data" "days" {
  input = 7
}

resource "aws_cloudwatch_log_group" "training" {
  name              = "/aws/sagemaker/TrainingJobs"
  retention_in_days = 400
}

resource "aws_cloudwatch_log_group" "forever" {
  name = "/aws/sagemaker/Endpoints/churn"
}

resource "aws_cloudwatch_log_group" "unknown" {
  name              = "/aws/sagemaker/ProcessingJobs"
  retention_in_days = terraform_data.days.output
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 7
}
