resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_kms_key" "logs" {}

resource "aws_cloudwatch_log_group" "cmk" {
  name       = "/aws/sagemaker/TrainingJobs"
  kms_key_id = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "not_ml" {
  name = "/aws/lambda/billing"
}

resource "aws_cloudwatch_log_group" "unknown_name" {
  name = terraform_data.unknown.output
}
