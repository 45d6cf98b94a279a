resource "azurerm_cognitive_account" "default" { # expect
  name                = "default"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
}

resource "azurerm_cognitive_account" "explicit" {
  name                = "explicit"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  outbound_network_access_restricted = false # expect
}
