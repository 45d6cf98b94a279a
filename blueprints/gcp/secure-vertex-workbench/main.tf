# A Vertex AI Workbench instance without a public IP, root, file downloads or
# a terminal, on Shielded VM with customer-managed disk keys, running as a
# dedicated service account that can read one bucket.

resource "google_service_account" "notebook" {
  project      = var.project
  account_id   = "${var.name}-nb"
  display_name = "Workbench instance ${var.name}"
}

# The least roles: read the one data bucket, write logs and metrics.
resource "google_storage_bucket_iam_member" "data" {
  bucket = var.data_bucket
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.notebook.email}"
}

resource "google_project_iam_member" "logs" {
  for_each = toset(["roles/logging.logWriter", "roles/monitoring.metricWriter"])
  project  = var.project
  role     = each.value
  member   = "serviceAccount:${google_service_account.notebook.email}"
}

# The owner runs notebooks as the service account.
resource "google_service_account_iam_member" "owner" {
  service_account_id = google_service_account.notebook.name
  role               = "roles/iam.serviceAccountUser"
  member             = var.owner
}

resource "google_workbench_instance" "notebook" {
  project         = var.project
  name            = var.name
  location        = var.zone
  instance_owners = [trimprefix(var.owner, "user:")]

  gce_setup {
    machine_type      = var.machine_type
    disable_public_ip = true

    network_interfaces {
      network = var.network
      subnet  = var.subnet
    }

    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = var.kms_key
    }

    data_disks {
      disk_encryption = "CMEK"
      kms_key         = var.kms_key
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    service_accounts {
      email = google_service_account.notebook.email
    }

    metadata = {
      notebook-disable-root      = "true"
      notebook-disable-downloads = "true"
      notebook-disable-terminal  = "true"
    }
  }
}
