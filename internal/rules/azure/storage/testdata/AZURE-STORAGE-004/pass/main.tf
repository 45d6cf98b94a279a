resource "azurerm_storage_account" "entra" {
  name                     = "entra"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
}
