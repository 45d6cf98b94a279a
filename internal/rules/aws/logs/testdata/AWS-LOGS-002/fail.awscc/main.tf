resource "awscc_logs_log_group" "training" {
  log_group_name    = "/aws/sagemaker/TrainingJobs"
  retention_in_days = 14 # expect
}
