resource "google_storage_bucket_iam_member" "public" {
  bucket = "ml-models"
  role   = "roles/storage.objectViewer"
  member = "allUsers" # expect
}

resource "google_vertex_ai_endpoint_iam_binding" "anyone" {
  endpoint = "projects/p/locations/us-central1/endpoints/1"
  role     = "roles/aiplatform.user"
  members  = ["group:ml@example.com", "allAuthenticatedUsers"] # expect
}

resource "google_storage_bucket_iam_policy" "policy" {
  bucket      = "ml-data"
  policy_data = jsonencode({ bindings = [{ role = "roles/storage.objectViewer", members = ["allUsers"] }] }) # expect
}
