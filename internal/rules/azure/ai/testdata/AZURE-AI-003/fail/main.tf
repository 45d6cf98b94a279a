resource "azurerm_cognitive_account" "default" { # expect
  name                = "default"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
}
