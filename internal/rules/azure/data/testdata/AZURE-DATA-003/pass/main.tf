resource "azurerm_storage_account" "customers" {
  name                     = "acmecustomers"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_monitor_diagnostic_setting" "customers_reads" {
  name                       = "customers_reads"
  target_resource_id         = "${azurerm_storage_account.customers.id}/blobServices/default"
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/ml/providers/Microsoft.OperationalInsights/workspaces/security"
  enabled_log {
    category = "StorageRead"
  }
}

resource "azurerm_storage_account" "support" {
  name                     = "acmesupport"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_monitor_diagnostic_setting" "support_all" {
  name                       = "support_all"
  target_resource_id         = "${azurerm_storage_account.support.id}/blobServices/default"
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/ml/providers/Microsoft.OperationalInsights/workspaces/security"
  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_storage_account" "telemetry" {
  name                     = "acmetelemetry"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
