resource "google_kms_crypto_key" "data" {
  name            = "ml-data"
  key_ring        = "projects/acme-ml/locations/europe/keyRings/ml"
  rotation_period = "7776000s"
}

resource "google_storage_bucket" "customers" {
  name                        = "acme-ml-customer-data"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
}

resource "google_storage_bucket" "telemetry" {
  name     = "acme-ml-telemetry"
  location = "EU"
}

resource "google_storage_bucket" "features" {
  name     = "acme-ml-features"
  location = "EU"
}
