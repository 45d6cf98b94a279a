resource "google_storage_bucket" "customers" {
  name                        = "acme-ml-customer-data"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "trainer" {
  bucket = google_storage_bucket.customers.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:trainer@acme-ml.iam.gserviceaccount.com"
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
