resource "google_storage_bucket" "default" { # expect
  name     = "a"
  location = "US"
}
