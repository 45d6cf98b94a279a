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
  public_network_access_enabled = false # expect
}

resource "azurerm_storage_account" "st" {
  name                     = "mlstorage"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# An endpoint, but into the storage account, not the workspace.
resource "azurerm_private_endpoint" "storage" {
  name                = "pe-storage"
  location            = "westeurope"
  resource_group_name = "ml"
  subnet_id           = "/subscriptions/0/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/endpoints"
  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}
