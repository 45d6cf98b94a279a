resource "google_storage_bucket" "default" { # expect
  name     = "a"
  location = "US"
}

resource "google_storage_bucket" "explicit" {
  name                        = "b"
  location                    = "US"
  uniform_bucket_level_access = false # expect
}
