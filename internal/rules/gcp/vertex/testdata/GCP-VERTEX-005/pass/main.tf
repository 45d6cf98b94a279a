resource "google_vertex_ai_tensorboard" "cmek" {
  display_name = "cmek"
  region       = "us-central1"
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_tensorboard" "unknown" {
  display_name = "unknown"
  region       = "us-central1"
  encryption_spec {
    kms_key_name = var.key
  }
}

variable "key" {
  type = string
}

resource "google_kms_crypto_key" "vertex" {
  name     = "vertex"
  key_ring = "projects/p/locations/us-central1/keyRings/ml"
}
