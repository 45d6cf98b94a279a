resource "google_artifact_registry_repository" "training" {
  location      = "europe-west4"
  repository_id = "training-images"
  format        = "DOCKER"
  vulnerability_scanning_config {
    enablement_config = "DISABLED" # expect
  }
}
