resource "google_workbench_instance" "default" { # expect
  name     = "a"
  location = "us-central1-a"
}

resource "google_workbench_instance" "explicit" {
  name     = "b"
  location = "us-central1-a"
  gce_setup {
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = "projects/p/locations/us-central1/keyRings/ml/cryptoKeys/nb"
    }
    data_disks {
      disk_encryption = "GMEK" # expect
    }
  }
}

resource "google_notebooks_instance" "legacy" { # expect
  name         = "legacy"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
}

resource "google_notebooks_runtime" "runtime" { # expect
  name     = "runtime"
  location = "us-central1"
}
