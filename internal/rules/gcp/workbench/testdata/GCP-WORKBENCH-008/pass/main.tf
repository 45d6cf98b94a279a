resource "google_workbench_instance" "ok" {
  name     = "ok"
  location = "us-central1-a"
  gce_setup {
    machine_type         = "n1-standard-4"
    disable_public_ip    = true
    enable_ip_forwarding = false
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.nb.id
    }
    data_disks {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.nb.id
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }
    service_accounts {
      email = google_service_account.nb.email
    }
    metadata = {
      notebook-disable-root      = "true"
      notebook-disable-downloads = "true"
      notebook-disable-terminal  = "true"
    }
    container_image {
      repository = "us-docker.pkg.dev/deeplearning-platform-release/gcr.io/base-cu113.py310"
      tag        = "m125"
    }
  }
}

resource "google_service_account" "nb" {
  account_id = "notebooks"
}

resource "google_kms_crypto_key" "nb" {
  name            = "notebooks"
  key_ring        = "projects/p/locations/us-central1/keyRings/ml"
  rotation_period = "7776000s"
}

resource "google_notebooks_instance" "legacy" {
  name            = "legacy"
  location        = "us-central1-a"
  machine_type    = "n1-standard-4"
  service_account = "notebooks@p.iam.gserviceaccount.com"
}

resource "google_notebooks_runtime" "runtime" {
  name     = "runtime"
  location = "us-central1"
}
