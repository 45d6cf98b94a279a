resource "azurerm_machine_learning_datastore_blobstorage" "key" {
  name                 = "key"
  workspace_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  storage_container_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/training"
  account_key          = "bXlzdG9yYWdla2V5bXlzdG9yYWdla2V5bXlzdG9yYWdla2V5MDAwMA==" # expect
}
