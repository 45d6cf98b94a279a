resource "google_storage_bucket" "models" {
  name                        = "ml-models"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  encryption {
    default_kms_key_name = google_kms_crypto_key.data.id
  }
  versioning {
    enabled = true
  }
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = "projects/p/locations/us/keyRings/ml"
  rotation_period = "7776000s"
}

resource "google_storage_bucket" "literal" {
  name     = "b"
  location = "US"
  encryption {
    default_kms_key_name = "projects/p/locations/us/keyRings/ml/cryptoKeys/data"
  }
}
