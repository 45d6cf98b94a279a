variable "unknown" {}

resource "awscc_logs_log_group" "training" { # expect
  log_group_name    = "/aws/sagemaker/TrainingJobs"
  retention_in_days = 365
}
