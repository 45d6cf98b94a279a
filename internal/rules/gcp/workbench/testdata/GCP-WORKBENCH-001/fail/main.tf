resource "google_workbench_instance" "default" { # expect
  name     = "default"
  location = "us-central1-a"
}

resource "google_workbench_instance" "explicit" {
  name     = "explicit"
  location = "us-central1-a"
  gce_setup {
    disable_public_ip = false # expect
  }
}

resource "google_notebooks_instance" "legacy" { # expect
  name         = "legacy"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
}

resource "google_notebooks_runtime" "runtime" {
  name     = "runtime"
  location = "us-central1"
  virtual_machine {
    virtual_machine_config {
      machine_type     = "n1-standard-4"
      internal_ip_only = false # expect
    }
  }
}
