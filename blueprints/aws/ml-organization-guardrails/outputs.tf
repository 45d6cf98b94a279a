output "scp_ids" {
  description = "IDs of the guardrail SCPs, by name."
  value       = { for name, p in aws_organizations_policy.guardrails : name => p.id }
}

output "repository_url" {
  description = "URL of the central ML image repository."
  value       = aws_ecr_repository.images.repository_url
}

output "repository_kms_key_arn" {
  description = "ARN of the key that encrypts the repository."
  value       = aws_kms_key.images.arn
}
