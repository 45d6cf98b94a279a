resource "google_storage_bucket" "default" { # expect
  name     = "a"
  location = "US"
}

resource "google_storage_bucket" "off" {
  name     = "b"
  location = "US"
  versioning {
    enabled = false # expect
  }
}
