resource "azurerm_container_registry" "admin" {
  name                = "admin"
  resource_group_name = "ml"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled = true # expect
}
