# A private Vertex AI pipeline platform: customer-managed keys on every store,
# a VPC Service Controls perimeter around the services the pipeline uses, and
# private service access so that pipeline jobs reach the VPC privately.

locals {
  restricted = ["aiplatform.googleapis.com", "storage.googleapis.com", "bigquery.googleapis.com", "notebooks.googleapis.com"]
}

resource "google_service_account" "pipeline" {
  project      = var.project
  account_id   = "${var.name}-pipeline"
  display_name = "Vertex AI pipeline ${var.name}"
}

resource "google_project_iam_member" "pipeline" {
  project = var.project
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.pipeline.email}"
}

resource "google_storage_bucket" "artifacts" {
  project                     = var.project
  name                        = "${var.project}-${var.name}-artifacts"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  encryption {
    default_kms_key_name = var.kms_key
  }

  versioning {
    enabled = true
  }
}

resource "google_storage_bucket_iam_member" "pipeline" {
  bucket = google_storage_bucket.artifacts.name
  role   = "roles/storage.objectUser"
  member = "serviceAccount:${google_service_account.pipeline.email}"
}

resource "google_bigquery_dataset" "features" {
  project    = var.project
  dataset_id = replace("${var.name}_features", "-", "_")
  location   = var.region

  default_encryption_configuration {
    kms_key_name = var.kms_key
  }
}

resource "google_vertex_ai_dataset" "training" {
  project             = var.project
  display_name        = "${var.name}-training"
  region              = var.region
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"

  encryption_spec {
    kms_key_name = var.kms_key
  }
}

resource "google_vertex_ai_metadata_store" "pipeline" {
  project = var.project
  name    = var.name
  region  = var.region

  encryption_spec {
    kms_key_name = var.kms_key
  }
}

# Private service access: Vertex AI's network peers with the VPC, so that
# pipeline jobs reach private resources without public addresses.
resource "google_compute_global_address" "vertex" {
  project       = var.project
  name          = "${var.name}-vertex-peering"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = var.private_service_range
  network       = var.network
}

resource "google_service_networking_connection" "vertex" {
  network                 = var.network
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.vertex.name]
}

resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/${var.access_policy}"
  name   = "accessPolicies/${var.access_policy}/servicePerimeters/${replace(var.name, "-", "_")}"
  title  = "${var.name} ML pipeline"

  status {
    resources           = ["projects/${var.project_number}"]
    restricted_services = local.restricted

    vpc_accessible_services {
      enable_restriction = true
      allowed_services   = local.restricted
    }
  }
}
