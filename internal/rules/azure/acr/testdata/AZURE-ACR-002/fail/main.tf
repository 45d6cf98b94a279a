resource "azurerm_container_registry" "anonymous" {
  name                = "anonymous"
  resource_group_name = "ml"
  location            = "westeurope"
  sku                 = "Premium"
  anonymous_pull_enabled = true # expect
}
