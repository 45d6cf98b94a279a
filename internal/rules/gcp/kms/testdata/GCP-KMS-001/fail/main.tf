resource "google_kms_crypto_key" "never" { # expect
  name     = "never"
  key_ring = "projects/p/locations/us/keyRings/ml"
}

resource "google_kms_crypto_key" "yearly" {
  name            = "yearly"
  key_ring        = "projects/p/locations/us/keyRings/ml"
  rotation_period = "31536000s" # expect
}
