resource "azurerm_key_vault" "default" { # expect
  name                = "default"
  location            = "westeurope"
  resource_group_name = "ml"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_key_vault" "explicit" {
  name                = "explicit"
  location            = "westeurope"
  resource_group_name = "ml"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
  purge_protection_enabled = false # expect
}
