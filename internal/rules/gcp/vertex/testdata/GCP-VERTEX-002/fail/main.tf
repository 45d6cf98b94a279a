resource "google_vertex_ai_endpoint" "model" { # expect
  name         = "model"
  display_name = "model"
  location     = "us-central1"
  network      = "projects/123/global/networks/ml"
}

resource "google_vertex_ai_index_endpoint" "index" { # expect
  display_name = "index"
  region       = "us-central1"
}
