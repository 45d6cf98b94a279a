variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_logs_log_group" "cmk" {
  log_group_name = "/aws/sagemaker/TrainingJobs"
  kms_key_id     = awscc_kms_key.key.arn
}

resource "awscc_logs_log_group" "not_ml" {
  log_group_name = "/aws/lambda/billing"
}

resource "awscc_logs_log_group" "unknown_name" {
  log_group_name = var.unknown
}
