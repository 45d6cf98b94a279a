resource "azurerm_cognitive_account" "restricted" {
  name                = "restricted"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  outbound_network_access_restricted = true
  fqdns                              = ["contosodata.blob.core.windows.net"]
}
