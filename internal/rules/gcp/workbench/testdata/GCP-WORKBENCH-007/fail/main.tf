resource "google_workbench_instance" "vtpm" {
  name     = "a"
  location = "us-central1-a"
  gce_setup {
    shielded_instance_config {
      enable_secure_boot = true
      enable_vtpm        = false # expect
    }
  }
}

resource "google_notebooks_instance" "integrity" {
  name         = "legacy"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
  shielded_instance_config {
    enable_integrity_monitoring = false # expect
  }
}
