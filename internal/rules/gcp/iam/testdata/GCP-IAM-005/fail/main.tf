resource "google_service_account" "trainer" {
  account_id = "trainer"
}

resource "google_service_account_key" "trainer" {
  service_account_id = google_service_account.trainer.name # expect
}
