resource "google_vertex_ai_dataset" "plain" { # expect
  display_name = "plain"
  region       = "us-central1"
}

resource "google_vertex_ai_tensorboard" "other" {
  display_name = "other"
  region       = "us-central1"
}
