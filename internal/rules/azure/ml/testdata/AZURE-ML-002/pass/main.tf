resource "azurerm_machine_learning_workspace" "cmk" {
  name                    = "cmk"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_vault_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
    key_id       = azurerm_key_vault_key.ml.id
  }
}

resource "azurerm_key_vault_key" "ml" {
  name         = "ml"
  key_vault_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]
}
