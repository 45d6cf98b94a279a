resource "azurerm_search_service" "private" {
  name                          = "rag-private"
  resource_group_name           = "ml"
  location                      = "westeurope"
  sku                           = "standard"
  public_network_access_enabled = false
}

resource "azurerm_search_service" "office" {
  name                = "rag-office"
  resource_group_name = "ml"
  location            = "westeurope"
  sku                 = "standard"
  allowed_ips         = ["203.0.113.0/24"]
}

variable "public" {
  type = bool
}

resource "azurerm_search_service" "unknown" {
  name                          = "rag-unknown"
  resource_group_name           = "ml"
  location                      = "westeurope"
  sku                           = "standard"
  public_network_access_enabled = var.public
}
