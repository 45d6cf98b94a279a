output "notebook_name" {
  description = "Name of the notebook instance."
  value       = aws_sagemaker_notebook_instance.notebook.name
}

output "notebook_arn" {
  description = "ARN of the notebook instance."
  value       = aws_sagemaker_notebook_instance.notebook.arn
}

output "role_arn" {
  description = "ARN of the notebook's execution role."
  value       = aws_iam_role.notebook.arn
}

output "security_group_id" {
  description = "ID of the notebook's security group (no ingress)."
  value       = aws_security_group.notebook.id
}
