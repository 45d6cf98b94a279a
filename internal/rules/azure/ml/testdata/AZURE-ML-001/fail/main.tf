resource "azurerm_machine_learning_workspace" "default" { # expect
  name                    = "default"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "explicit" {
  name                    = "explicit"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
  public_network_access_enabled = true # expect
}

resource "azurerm_ai_foundry" "hub" { # expect
  name                = "hub"
  location            = "westeurope"
  resource_group_name = "ml"
  storage_account_id  = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id        = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  identity {
    type = "SystemAssigned"
  }
}
