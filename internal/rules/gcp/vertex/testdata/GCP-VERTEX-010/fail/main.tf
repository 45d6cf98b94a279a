resource "google_vertex_ai_feature_online_store" "optimized" { # expect
  name   = "optimized"
  region = "us-central1"
  optimized {}
}

resource "google_vertex_ai_feature_online_store" "psc_off" {
  name   = "psc_off"
  region = "us-central1"
  optimized {}
  dedicated_serving_endpoint {
    private_service_connect_config {
      enable_private_service_connect = false # expect
    }
  }
}
