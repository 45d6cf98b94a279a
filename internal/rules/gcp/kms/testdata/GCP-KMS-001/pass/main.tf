resource "google_kms_crypto_key" "quarterly" {
  name            = "quarterly"
  key_ring        = "projects/p/locations/us/keyRings/ml"
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = "projects/p/locations/us/keyRings/ml"
  purpose  = "ASYMMETRIC_SIGN"
}
