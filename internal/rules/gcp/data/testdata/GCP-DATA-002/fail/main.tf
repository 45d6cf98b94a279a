# Holds customer emails and phone numbers: public access prevention only
# inherited, and a grant to everyone.
resource "google_storage_bucket" "customers" { # expect
  name                        = "acme-ml-customer-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "everyone" {
  bucket = google_storage_bucket.customers.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # expect
}

resource "google_storage_bucket" "telemetry" {
  name     = "acme-ml-telemetry"
  location = "EU"
}

resource "google_storage_bucket_iam_member" "telemetry" {
  bucket = google_storage_bucket.telemetry.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
