resource "google_project_iam_member" "dedicated" {
  project = "ml-prod"
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com"
}
