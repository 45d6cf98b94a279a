output "instance_id" {
  description = "ID of the Workbench instance."
  value       = google_workbench_instance.notebook.id
}

output "service_account_email" {
  description = "Email of the instance's service account."
  value       = google_service_account.notebook.email
}
