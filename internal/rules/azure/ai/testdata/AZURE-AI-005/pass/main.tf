variable "subdomain" {
  type = string
}

resource "azurerm_cognitive_account" "named" {
  name                = "named"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  custom_subdomain_name = "contoso-openai"
}

resource "azurerm_cognitive_account" "variable" {
  name                = "variable"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  custom_subdomain_name = var.subdomain
}
