# Holds customer emails and phone numbers (classification.json), under
# Google-managed keys.
resource "google_storage_bucket" "customers" { # expect
  name                        = "acme-ml-customer-data"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

# Private addresses only; and an S3 bucket of the same name is another bucket.
resource "google_storage_bucket" "telemetry" {
  name     = "acme-ml-telemetry"
  location = "EU"
}

resource "google_storage_bucket" "features" {
  name     = "acme-ml-features"
  location = "EU"
}
