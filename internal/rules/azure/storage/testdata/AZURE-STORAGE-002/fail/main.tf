resource "azurerm_storage_account" "tls10" {
  name                     = "tls10"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version = "TLS1_0" # expect
}
