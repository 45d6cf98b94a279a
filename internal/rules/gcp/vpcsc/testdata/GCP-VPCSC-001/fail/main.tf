resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123"
  name   = "accessPolicies/123/servicePerimeters/ml"
  title  = "ml"
  status {
    resources           = ["projects/123"]
    restricted_services = ["storage.googleapis.com", "bigquery.googleapis.com"] # expect
  }
}
