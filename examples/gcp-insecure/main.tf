# A Vertex AI platform as a team might first write it: a Workbench notebook
# with defaults, a public endpoint, buckets for data and models, and broad
# grants to the training service account.
#   go run ./cmd/mlguard scan examples/gcp-insecure

variable "project" {
  type    = string
  default = "ml-prod"
}

resource "google_service_account" "trainer" {
  account_id = "trainer"
}

resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"
  gce_setup {
    machine_type = "n1-standard-8"
    accelerator_configs {
      type       = "NVIDIA_TESLA_T4"
      core_count = 1
    }
  }
}

resource "google_vertex_ai_endpoint" "fraud" {
  name         = "fraud"
  display_name = "fraud"
  location     = "us-central1"
}

resource "google_vertex_ai_dataset" "transactions" {
  display_name        = "transactions"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
  region              = "us-central1"
}

resource "google_storage_bucket" "training_data" {
  name     = "${var.project}-training-data"
  location = "US"
}

resource "google_storage_bucket_iam_member" "share" {
  bucket = google_storage_bucket.training_data.name
  role   = "roles/storage.objectViewer"
  member = "allAuthenticatedUsers"
}

resource "google_project_iam_member" "trainer_editor" {
  project = var.project
  role    = "roles/editor"
  member  = "serviceAccount:${google_service_account.trainer.email}"
}

resource "google_project_iam_member" "engineers_act_as" {
  project = var.project
  role    = "roles/iam.serviceAccountUser"
  member  = "group:ml-engineers@example.com"
}

resource "google_service_account_key" "trainer" {
  service_account_id = google_service_account.trainer.name
}

resource "google_kms_crypto_key" "vertex" {
  name     = "vertex"
  key_ring = "projects/${var.project}/locations/us-central1/keyRings/ml"
}

resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123456"
  name   = "accessPolicies/123456/servicePerimeters/ml"
  title  = "ml"
  status {
    resources           = ["projects/123456789012"]
    restricted_services = ["storage.googleapis.com"]
  }
}
