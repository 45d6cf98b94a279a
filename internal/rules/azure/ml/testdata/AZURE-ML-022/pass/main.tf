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

resource "azurerm_private_endpoint" "ml" {
  name                = "pe-ml"
  location            = "westeurope"
  resource_group_name = "ml"
  subnet_id           = "/subscriptions/0/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/endpoints"
  private_service_connection {
    name                           = "ml"
    private_connection_resource_id = azurerm_machine_learning_workspace.private.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

# Public: the rule on public workspaces judges it.
resource "azurerm_machine_learning_workspace" "public" {
  name                    = "public"
  location                = "westeurope"
  resource_group_name     = "ml"
  application_insights_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Insights/components/ai"
  key_vault_id            = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st"
  identity {
    type = "SystemAssigned"
  }
}
