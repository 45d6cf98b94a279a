resource "google_vertex_ai_index_endpoint" "public" {
  display_name            = "public"
  region                  = "us-central1"
  public_endpoint_enabled = true # expect
}
