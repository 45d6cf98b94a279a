resource "azurerm_machine_learning_workspace" "identity" {
  name                    = "identity"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
  storage_account_access_type = "Identity"
}

resource "azurerm_ai_foundry" "hub" {
  name                = "hub"
  location            = "westeurope"
  resource_group_name = "ml"
  storage_account_id  = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id        = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  identity {
    type = "SystemAssigned"
  }
}
