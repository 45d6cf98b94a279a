# Holds customer emails and phone numbers (classification.json): Microsoft-managed keys.
resource "azurerm_storage_account" "customers" { # expect
  name                     = "acmecustomers"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

# Holds card numbers, under a key of its own.
resource "azurerm_storage_account" "support" {
  name                     = "acmesupport"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/0000/resourceGroups/ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"]
  }
  customer_managed_key {
    key_vault_key_id          = "https://ml-kv.vault.azure.net/keys/data"
    user_assigned_identity_id = "/subscriptions/0000/resourceGroups/ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"
  }
}

# Private addresses only.
resource "azurerm_storage_account" "telemetry" {
  name                     = "acmetelemetry"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
