resource "google_vertex_ai_index" "plain" { # expect
  display_name = "plain"
  region       = "us-central1"
}

resource "google_vertex_ai_dataset" "other" {
  display_name = "other"
  region       = "us-central1"
}
