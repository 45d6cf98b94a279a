# Holds customer emails and phone numbers; no usage logs, and the only audit
# config logs admin reads.
resource "google_storage_bucket" "customers" { # expect
  name                        = "acme-ml-customer-data"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_project_iam_audit_config" "storage" {
  project = "acme-ml"
  service = "storage.googleapis.com"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
}

resource "google_storage_bucket" "telemetry" {
  name     = "acme-ml-telemetry"
  location = "EU"
}

# Holds card numbers, and writes usage logs.
resource "google_storage_bucket" "support" {
  name                        = "acme-ml-support-chats"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  logging {
    log_bucket = "acme-ml-usage-logs"
  }
}
