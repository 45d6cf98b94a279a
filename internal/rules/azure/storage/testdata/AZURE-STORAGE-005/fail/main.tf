resource "azurerm_storage_account" "default" { # expect
  name                     = "default"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "allow" {
  name                     = "allow"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  network_rules {
    default_action = "Allow" # expect
  }
}
