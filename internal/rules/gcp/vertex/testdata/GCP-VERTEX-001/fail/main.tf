resource "google_vertex_ai_endpoint" "public" { # expect
  name         = "public"
  display_name = "public"
  location     = "us-central1"
}

resource "google_vertex_ai_endpoint" "psc_off" {
  name         = "psc-off"
  display_name = "psc-off"
  location     = "us-central1"
  private_service_connect_config {
    enable_private_service_connect = false # expect
  }
}
