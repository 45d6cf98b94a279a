resource "azurerm_storage_account" "default" { # expect
  name                     = "default"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "explicit" {
  name                     = "explicit"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  shared_access_key_enabled = true # expect
}
