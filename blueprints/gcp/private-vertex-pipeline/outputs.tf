output "service_account_email" {
  description = "Email of the pipeline's service account: run pipeline jobs as it."
  value       = google_service_account.pipeline.email
}

output "artifacts_bucket" {
  description = "The pipeline root bucket."
  value       = google_storage_bucket.artifacts.name
}

output "encryption_spec_key_name" {
  description = "Pass this as encryption_spec_key_name when you submit a PipelineJob, so that the job and its outputs use the key."
  value       = var.kms_key
}

output "peering_network" {
  description = "The network to pass as network when you submit a PipelineJob, so that it runs over private service access."
  value       = var.network
}
