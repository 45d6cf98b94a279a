resource "azurerm_machine_learning_workspace" "hbi" {
  name                    = "hbi"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
  high_business_impact = true
}

# A hub created with encryption is high business impact unless told otherwise.
resource "azurerm_ai_foundry" "hub" {
  name                = "hub"
  location            = "westeurope"
  resource_group_name = "ml"
  storage_account_id  = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id        = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_vault_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
    key_id       = "https://kv.vault.azure.net/keys/hub/0123456789abcdef"
  }
}
