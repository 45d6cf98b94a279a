variable "platform_admins" {
  type = string
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "ws"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_user_assigned_identity" "train" {
  name                = "train"
  location            = "westeurope"
  resource_group_name = "ml"
}

resource "azurerm_machine_learning_compute_cluster" "train" {
  name                          = "train"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_NC6S_V3"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.train.id]
  }
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30M"
  }
}

resource "azurerm_role_assignment" "ws_data" {
  scope                = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_machine_learning_workspace.ws.identity[0].principal_id
}

resource "azurerm_role_assignment" "admins" {
  scope                = "/subscriptions/0/resourceGroups/ml"
  role_definition_name = "Contributor"
  principal_id         = var.platform_admins
}
