resource "google_project_iam_member" "trainer" {
  project = "ml-prod"
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "admin" {
  project = "ml-prod"
  role    = "roles/owner"
  member  = "group:platform-admins@example.com"
}
