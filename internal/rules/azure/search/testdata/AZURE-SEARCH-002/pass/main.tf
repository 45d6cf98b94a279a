resource "azurerm_search_service" "entra" {
  name                          = "rag-entra"
  resource_group_name           = "ml"
  location                      = "westeurope"
  sku                           = "standard"
  public_network_access_enabled = false
  local_authentication_enabled  = false
}
