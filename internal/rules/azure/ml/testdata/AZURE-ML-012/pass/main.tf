resource "azurerm_machine_learning_workspace" "managed" {
  name                    = "managed"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}

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

resource "azurerm_machine_learning_compute_instance" "managed" {
  name                          = "managed"
  virtual_machine_size          = "STANDARD_DS3_V2"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.managed.id
}

resource "azurerm_machine_learning_compute_instance" "invnet" {
  name                          = "invnet"
  virtual_machine_size          = "STANDARD_DS3_V2"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.open.id
  subnet_resource_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
}

# The workspace is not in this configuration: not judged.
resource "azurerm_machine_learning_compute_instance" "elsewhere" {
  name                          = "elsewhere"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  virtual_machine_size          = "STANDARD_DS3_V2"
}
