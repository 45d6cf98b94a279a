output "pipeline_arn" {
  description = "ARN of the pipeline."
  value       = aws_sagemaker_pipeline.pipeline.arn
}

output "job_role_arn" {
  description = "ARN of the role the pipeline's jobs run as."
  value       = aws_iam_role.job.arn
}

output "pipeline_role_arn" {
  description = "ARN of the role the pipeline runs as."
  value       = aws_iam_role.pipeline.arn
}

output "feature_db_secret_arn" {
  description = "ARN of the feature database secret; put its value in outside Terraform."
  value       = aws_secretsmanager_secret.feature_db.arn
}

output "jobs_security_group_id" {
  description = "ID of the jobs' security group: admit it on the feature database."
  value       = aws_security_group.jobs.id
}
