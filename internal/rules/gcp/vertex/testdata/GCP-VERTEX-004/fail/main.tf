resource "google_vertex_ai_featurestore" "plain" { # expect
  display_name = "plain"
  region       = "us-central1"
}

resource "google_vertex_ai_feature_online_store" "plain" { # expect
  display_name = "plain"
  region       = "us-central1"
}

resource "google_vertex_ai_dataset" "other" {
  display_name = "other"
  region       = "us-central1"
}
