# The same Vertex AI platform, hardened: mlguard reports nothing here.

variable "project" {
  type    = string
  default = "ml-prod"
}

resource "google_service_account" "trainer" {
  account_id = "trainer"
}

resource "google_service_account" "notebooks" {
  account_id = "notebooks"
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex"
  key_ring        = "projects/${var.project}/locations/us-central1/keyRings/ml"
  rotation_period = "7776000s"
}

resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"
  gce_setup {
    machine_type      = "n1-standard-8"
    disable_public_ip = true
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.vertex.id
    }
    data_disks {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.vertex.id
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }
    service_accounts {
      email = google_service_account.notebooks.email
    }
    metadata = {
      notebook-disable-root      = "true"
      notebook-disable-downloads = "true"
      notebook-disable-terminal  = "true"
    }
  }
}

resource "google_vertex_ai_endpoint" "fraud" {
  name         = "fraud"
  display_name = "fraud"
  location     = "us-central1"
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project]
  }
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_dataset" "transactions" {
  display_name        = "transactions"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
  region              = "us-central1"
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_storage_bucket" "training_data" {
  name                        = "${var.project}-training-data"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  encryption {
    default_kms_key_name = google_kms_crypto_key.vertex.id
  }
  versioning {
    enabled = true
  }
}

resource "google_storage_bucket_iam_member" "trainer_reads" {
  bucket = google_storage_bucket.training_data.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.trainer.email}"
}

resource "google_project_iam_member" "trainer_vertex" {
  project = var.project
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.trainer.email}"
}

resource "google_service_account_iam_member" "engineers_launch_training" {
  service_account_id = google_service_account.trainer.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:ml-engineers@example.com"
}

resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123456"
  name   = "accessPolicies/123456/servicePerimeters/ml"
  title  = "ml"
  status {
    resources           = ["projects/123456789012"]
    restricted_services = ["storage.googleapis.com", "aiplatform.googleapis.com", "notebooks.googleapis.com"]
  }
}
