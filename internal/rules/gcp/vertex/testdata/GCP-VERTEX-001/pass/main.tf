resource "google_vertex_ai_endpoint" "peered" {
  name         = "peered"
  display_name = "peered"
  location     = "us-central1"
  network      = "projects/123/global/networks/ml"
}

resource "google_vertex_ai_endpoint" "psc" {
  name         = "psc"
  display_name = "psc"
  location     = "us-central1"
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["ml-prod"]
  }
}

resource "google_vertex_ai_endpoint" "linked" {
  name         = "linked"
  display_name = "linked"
  location     = "us-central1"
  network      = "projects/${data.google_project.p.number}/global/networks/${google_compute_network.ml.name}"
}

resource "google_compute_network" "ml" {
  name = "ml"
}
