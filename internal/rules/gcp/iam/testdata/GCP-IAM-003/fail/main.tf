resource "google_project_iam_member" "default" {
  project = "ml-prod"
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:123456789012-compute@developer.gserviceaccount.com" # expect
}
