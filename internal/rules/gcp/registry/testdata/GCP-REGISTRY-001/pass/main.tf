resource "google_artifact_registry_repository" "training" {
  location      = "europe-west4"
  repository_id = "training-images"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository" "serving" {
  location      = "europe-west4"
  repository_id = "serving-images"
  format        = "DOCKER"
  vulnerability_scanning_config {
    enablement_config = "INHERITED"
  }
}

variable "scanning" {}

resource "google_artifact_registry_repository" "unknown" {
  location      = "europe-west4"
  repository_id = "other-images"
  format        = "DOCKER"
  vulnerability_scanning_config {
    enablement_config = var.scanning
  }
}
