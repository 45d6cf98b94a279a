resource "aws_cloudwatch_log_group" "training" {
  name              = "/aws/sagemaker/TrainingJobs"
  retention_in_days = 30 # expect
}

resource "aws_cloudwatch_log_group" "invocations" {
  name              = "/aws/bedrock/modelinvocations"
  retention_in_days = 180 # expect
}
