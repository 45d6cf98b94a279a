resource "google_vertex_ai_feature_online_store" "psc" {
  name   = "psc"
  region = "us-central1"
  optimized {}
  dedicated_serving_endpoint {
    private_service_connect_config {
      enable_private_service_connect = true
      project_allowlist              = ["ml-prod"]
    }
  }
}

resource "google_vertex_ai_feature_online_store" "bigtable" {
  name   = "bigtable"
  region = "us-central1"
  bigtable {
    auto_scaling {
      min_node_count = 1
      max_node_count = 2
    }
  }
}
