resource "google_storage_bucket" "default" { # expect
  name     = "a"
  location = "US"
}

resource "google_storage_bucket" "inherited" {
  name                     = "b"
  location                 = "US"
  public_access_prevention = "inherited" # expect
}
