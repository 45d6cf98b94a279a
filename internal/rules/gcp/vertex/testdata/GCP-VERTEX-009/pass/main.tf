resource "google_vertex_ai_index_endpoint" "psc" {
  display_name = "psc"
  region       = "us-central1"
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["ml-prod"]
  }
}

resource "google_vertex_ai_index_endpoint" "peered" {
  display_name = "peered"
  region       = "us-central1"
  network      = "projects/123/global/networks/ml"
}
