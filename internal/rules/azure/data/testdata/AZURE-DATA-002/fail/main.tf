# Holds customer emails and phone numbers: blobs may be made public (the
# azurerm default) and every network may connect.
resource "azurerm_storage_account" "customers" { # expect
  name                     = "acmecustomers"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

# Holds card numbers: private blobs, but every network may connect.
resource "azurerm_storage_account" "support" {
  name                            = "acmesupport"
  resource_group_name             = "ml"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false
  network_rules {
    default_action = "Allow" # expect
  }
}

resource "azurerm_storage_account" "telemetry" {
  name                     = "acmetelemetry"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
