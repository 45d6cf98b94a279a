resource "google_workbench_instance" "default" { # expect
  name     = "a"
  location = "us-central1-a"
}

resource "google_notebooks_instance" "legacy" {
  name         = "legacy"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
  shielded_instance_config {
    enable_secure_boot = false # expect
  }
}
