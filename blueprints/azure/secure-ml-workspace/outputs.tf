output "workspace_id" {
  description = "Resource ID of the workspace."
  value       = azurerm_machine_learning_workspace.ml.id
}

output "storage_account_id" {
  description = "Resource ID of the workspace's storage account."
  value       = azurerm_storage_account.ml.id
}

output "key_vault_id" {
  description = "Resource ID of the workspace's key vault."
  value       = azurerm_key_vault.ml.id
}
