resource "azurerm_cognitive_account" "entra" {
  name                = "entra"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  local_auth_enabled = false
}

resource "azurerm_ai_services" "foundry" {
  name                = "foundry"
  location            = "swedencentral"
  resource_group_name = "ml"
  sku_name            = "S0"
  local_authentication_enabled = false
}
