resource "google_storage_bucket" "customers" {
  name                        = "acme-ml-customer-data"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_project_iam_audit_config" "all" {
  project = "acme-ml"
  service = "allServices"
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_storage_bucket" "telemetry" {
  name     = "acme-ml-telemetry"
  location = "EU"
}
