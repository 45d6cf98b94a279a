resource "google_workbench_instance" "untagged" { # expect
  name     = "a"
  location = "us-central1-a"
  gce_setup {
    container_image {
      repository = "us-docker.pkg.dev/deeplearning-platform-release/gcr.io/base-cu113.py310"
    }
  }
}

resource "google_notebooks_instance" "latest" {
  name         = "legacy"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
  container_image {
    repository = "gcr.io/deeplearning-platform-release/base-cpu"
    tag        = "latest" # expect
  }
}
