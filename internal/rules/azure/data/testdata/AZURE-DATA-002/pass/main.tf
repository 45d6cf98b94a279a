resource "azurerm_storage_account" "customers" {
  name                            = "acmecustomers"
  resource_group_name             = "ml"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false
  public_network_access_enabled   = false
}

resource "azurerm_storage_account" "support" {
  name                            = "acmesupport"
  resource_group_name             = "ml"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false
  network_rules {
    default_action = "Deny"
  }
}

resource "azurerm_storage_account" "telemetry" {
  name                     = "acmetelemetry"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
