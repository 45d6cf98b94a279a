variable "account_key" {
  type      = string
  sensitive = true
}

resource "azurerm_machine_learning_datastore_blobstorage" "linked" {
  name                 = "linked"
  workspace_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  storage_container_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/training"
  account_key          = azurerm_storage_account.st.primary_access_key
}

resource "azurerm_machine_learning_datastore_blobstorage" "variable" {
  name                 = "variable"
  workspace_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  storage_container_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/training"
  account_key          = var.account_key
}

resource "azurerm_storage_account" "st" {
  name                     = "mltrainingst"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
