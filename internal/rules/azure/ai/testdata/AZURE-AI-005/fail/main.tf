resource "azurerm_cognitive_account" "default" { # expect
  name                = "default"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
}

resource "azurerm_ai_services" "foundry" { # expect
  name                = "foundry"
  location            = "swedencentral"
  resource_group_name = "ml"
  sku_name            = "S0"
}
