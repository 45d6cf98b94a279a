variable "client_secret" {
  type    = string
  default = null
}

resource "azurerm_machine_learning_datastore_blobstorage" "identity" {
  name                 = "identity"
  workspace_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  storage_container_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/training"
  service_data_auth_identity = "WorkspaceSystemAssignedIdentity"
}

resource "azurerm_machine_learning_datastore_datalake_gen2" "lake" {
  name                 = "lake"
  workspace_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  storage_container_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/lake"
  client_secret        = var.client_secret
}
