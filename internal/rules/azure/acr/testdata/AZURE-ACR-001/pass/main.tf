resource "azurerm_container_registry" "default" {
  name                = "default"
  resource_group_name = "ml"
  location            = "westeurope"
  sku                 = "Premium"
}

resource "azurerm_container_registry" "off" {
  name                = "off"
  resource_group_name = "ml"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled = false
}
