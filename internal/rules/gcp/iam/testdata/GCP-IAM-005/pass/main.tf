resource "google_service_account" "trainer" {
  account_id = "trainer"
}
