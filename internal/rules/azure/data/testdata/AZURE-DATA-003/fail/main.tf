# Holds customer emails and phone numbers: no diagnostic setting.
resource "azurerm_storage_account" "customers" { # expect
  name                     = "acmecustomers"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

# Holds card numbers: the account's own setting sends metrics only, and the
# blob service's sends writes only.
resource "azurerm_storage_account" "support" { # expect
  name                     = "acmesupport"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_monitor_diagnostic_setting" "support_account" {
  name                       = "support_account"
  target_resource_id         = "/subscriptions/0000/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/acmesupport"
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/ml/providers/Microsoft.OperationalInsights/workspaces/security"
}

resource "azurerm_monitor_diagnostic_setting" "support_writes" {
  name                       = "support_writes"
  target_resource_id         = "${azurerm_storage_account.support.id}/blobServices/default"
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/ml/providers/Microsoft.OperationalInsights/workspaces/security"
  enabled_log {
    category = "StorageWrite"
  }
}

resource "azurerm_storage_account" "telemetry" {
  name                     = "acmetelemetry"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
