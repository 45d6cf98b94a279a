resource "google_workbench_instance" "fwd" {
  name     = "a"
  location = "us-central1-a"
  gce_setup {
    enable_ip_forwarding = true # expect
  }
}
