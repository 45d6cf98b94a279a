resource "azurerm_storage_account" "customers" {
  name                     = "acmecustomers"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account_customer_managed_key" "customers" {
  storage_account_id = azurerm_storage_account.customers.id
  key_vault_id       = "/subscriptions/0000/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/ml-kv"
  key_name           = "customers"
}

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

resource "azurerm_storage_account" "telemetry" {
  name                     = "acmetelemetry"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
