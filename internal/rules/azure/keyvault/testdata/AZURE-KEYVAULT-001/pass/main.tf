resource "azurerm_key_vault" "protected" {
  name                = "protected"
  location            = "westeurope"
  resource_group_name = "ml"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
}
