resource "azurerm_storage_account" "http" {
  name                     = "http"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  https_traffic_only_enabled = false # expect
}

resource "azurerm_storage_account" "legacy" {
  name                     = "legacy"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  enable_https_traffic_only = false # expect
}
