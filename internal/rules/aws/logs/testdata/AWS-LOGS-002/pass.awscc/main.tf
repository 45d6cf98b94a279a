variable "unknown" {}

resource "awscc_logs_log_group" "training" {
  log_group_name    = "/aws/sagemaker/TrainingJobs"
  retention_in_days = 731
}

resource "awscc_logs_log_group" "from_param" {
  log_group_name    = "/aws/sagemaker/Endpoints/churn"
  retention_in_days = var.unknown
}

resource "awscc_logs_log_group" "forever" {
  log_group_name = "/aws/bedrock/modelinvocations"
}
