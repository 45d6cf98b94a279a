resource "azurerm_cognitive_account" "private" {
  name                = "private"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  custom_subdomain_name         = "private-contoso"
  public_network_access_enabled = false
}

resource "azurerm_cognitive_account" "deny" {
  name                = "deny"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  custom_subdomain_name = "deny-contoso"
  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_ai_services" "foundry" {
  name                = "foundry"
  location            = "swedencentral"
  resource_group_name = "ml"
  sku_name            = "S0"
  custom_subdomain_name = "foundry-contoso"
  public_network_access = "Disabled"
}
