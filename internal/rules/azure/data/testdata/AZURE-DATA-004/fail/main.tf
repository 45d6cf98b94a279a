# Holds customer emails and phone numbers, over plain HTTP too.
resource "azurerm_storage_account" "customers" {
  name                       = "acmecustomers"
  resource_group_name        = "ml"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "ZRS"
  https_traffic_only_enabled = false # expect
}

# Holds card numbers, over TLS 1.0 too.
resource "azurerm_storage_account" "support" {
  name                     = "acmesupport"
  resource_group_name      = "ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_0" # expect
}

resource "azurerm_storage_account" "telemetry" {
  name                       = "acmetelemetry"
  resource_group_name        = "ml"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "ZRS"
  https_traffic_only_enabled = false
}
