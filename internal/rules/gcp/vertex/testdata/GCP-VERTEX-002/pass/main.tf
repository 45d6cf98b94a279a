resource "google_vertex_ai_endpoint" "model" {
  name         = "model"
  display_name = "model"
  location     = "us-central1"
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_index_endpoint" "index" {
  display_name = "index"
  region       = "us-central1"
  encryption_spec {
    kms_key_name = "projects/p/locations/us-central1/keyRings/ml/cryptoKeys/vertex"
  }
}

resource "google_kms_crypto_key" "vertex" {
  name     = "vertex"
  key_ring = "projects/p/locations/us-central1/keyRings/ml"
}
