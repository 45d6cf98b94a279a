variable "public" {
  type = bool
}

resource "azurerm_machine_learning_workspace" "private" {
  name                    = "private"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
  public_network_access_enabled = false
}

resource "azurerm_machine_learning_workspace" "unknown" {
  name                    = "unknown"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
  public_network_access_enabled = var.public
}

resource "azurerm_ai_foundry" "hub" {
  name                  = "hub"
  location              = "westeurope"
  resource_group_name   = "ml"
  storage_account_id    = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id          = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  public_network_access = "Disabled"
  identity {
    type = "SystemAssigned"
  }
}
