resource "google_project_iam_member" "trainer" {
  project = "ml-prod"
  role    = "roles/editor"
  member  = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com" # expect
}

resource "google_project_iam_binding" "owners" {
  project = "ml-prod"
  role    = "roles/owner"
  members = ["user:admin@example.com", "serviceAccount:${google_service_account.pipeline.email}"] # expect
}

resource "google_service_account" "pipeline" {
  account_id = "pipeline"
}

resource "google_project_iam_member" "interpolated" {
  project = "ml-prod"
  role    = "roles/editor"
  member  = "serviceAccount:${google_service_account.pipeline.email}" # expect
}
