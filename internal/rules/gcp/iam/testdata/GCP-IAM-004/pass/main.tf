resource "google_service_account_iam_member" "launch" {
  service_account_id = "projects/ml-prod/serviceAccounts/trainer@ml-prod.iam.gserviceaccount.com"
  role               = "roles/iam.serviceAccountUser"
  member             = "group:ml-engineers@example.com"
}
