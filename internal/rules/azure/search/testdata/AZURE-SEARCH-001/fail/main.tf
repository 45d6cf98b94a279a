resource "azurerm_search_service" "default" { # expect
  name                = "rag-default"
  resource_group_name = "ml"
  location            = "westeurope"
  sku                 = "standard"
}

resource "azurerm_search_service" "explicit" {
  name                          = "rag-explicit"
  resource_group_name           = "ml"
  location                      = "westeurope"
  sku                           = "standard"
  public_network_access_enabled = true # expect
}
