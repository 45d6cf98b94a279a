resource "azurerm_key_vault" "deny" {
  name                = "deny"
  location            = "westeurope"
  resource_group_name = "ml"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}

resource "azurerm_key_vault" "private" {
  name                = "private"
  location            = "westeurope"
  resource_group_name = "ml"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
  public_network_access_enabled = false
}
