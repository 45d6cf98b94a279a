resource "google_workbench_instance" "no_metadata" { # expect
  name     = "a"
  location = "us-central1-a"
}

resource "google_workbench_instance" "false" {
  name     = "b"
  location = "us-central1-a"
  gce_setup {
    metadata = { # expect
      notebook-disable-root = "false"
    }
  }
}

resource "google_notebooks_instance" "legacy" {
  name         = "legacy"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
  metadata = { # expect
    proxy-mode = "service_account"
  }
}
