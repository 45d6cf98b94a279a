resource "google_project_iam_member" "impersonate" {
  project = "ml-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "group:ml-engineers@example.com" # expect
}

resource "google_folder_iam_binding" "tokens" {
  folder  = "folders/123"
  role    = "roles/iam.serviceAccountTokenCreator"
  members = ["serviceAccount:ci@ml-prod.iam.gserviceaccount.com"] # expect
}
