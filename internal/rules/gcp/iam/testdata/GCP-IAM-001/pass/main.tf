resource "google_storage_bucket_iam_member" "group" {
  bucket = "ml-models"
  role   = "roles/storage.objectViewer"
  member = "group:ml-readers@example.com"
}

resource "google_storage_bucket_iam_policy" "from_data" {
  bucket      = "ml-data"
  policy_data = data.google_iam_policy.readers.policy_data
}
