resource "azurerm_cognitive_account" "default" { # expect
  name                = "default"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
}

resource "azurerm_ai_services" "explicit" {
  name                = "explicit"
  location            = "swedencentral"
  resource_group_name = "ml"
  sku_name            = "S0"
  local_authentication_enabled = true # expect
}
