resource "google_vertex_ai_reasoning_engine" "agent" {
  display_name = "agent"
  region       = "us-central1"
  spec {
    deployment_spec {
      env {
        name  = "LOG_LEVEL"
        value = "info"
      }
      secret_env {
        name = "SEARCH_API_KEY"
        secret_ref {
          secret  = "search-api-key"
          version = "latest"
        }
      }
    }
  }
}
