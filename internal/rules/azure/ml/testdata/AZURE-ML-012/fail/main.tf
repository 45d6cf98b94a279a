resource "azurerm_machine_learning_workspace" "open" {
  name                    = "open"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_instance" "ci" { # expect
  name                          = "ci"
  virtual_machine_size          = "STANDARD_DS3_V2"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.open.id
}
