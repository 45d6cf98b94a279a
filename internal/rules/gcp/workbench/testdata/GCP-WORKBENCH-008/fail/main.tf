resource "google_workbench_instance" "default" { # expect
  name     = "a"
  location = "us-central1-a"
}

resource "google_workbench_instance" "named" {
  name     = "b"
  location = "us-central1-a"
  gce_setup {
    service_accounts {
      email = "123456789012-compute@developer.gserviceaccount.com" # expect
    }
  }
}

resource "google_notebooks_instance" "legacy" { # expect
  name         = "legacy"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
}
