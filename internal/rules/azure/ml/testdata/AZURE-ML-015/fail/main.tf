resource "azurerm_machine_learning_datastore_blobstorage" "key" {
  name                 = "key"
  workspace_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  storage_container_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/training"
  account_key          = azurerm_storage_account.st.primary_access_key # expect
}

resource "azurerm_machine_learning_datastore_fileshare" "sas" {
  name                 = "sas"
  workspace_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  storage_fileshare_id   = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/st/fileServices/default/shares/data"
  shared_access_signature = "sv=2022-11-02&ss=f&srt=co&sp=rl&sig=abcdefghijklmnop" # expect
}

resource "azurerm_storage_account" "st" {
  name                     = "mltrainingst"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
