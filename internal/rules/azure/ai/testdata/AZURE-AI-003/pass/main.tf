resource "azurerm_cognitive_account" "inline" {
  name                = "inline"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  customer_managed_key {
    key_vault_key_id   = "https://kv.vault.azure.net/keys/openai/0123456789abcdef"
    identity_client_id = "00000000-0000-0000-0000-000000000000"
  }
}

resource "azurerm_cognitive_account" "separate" {
  name                = "separate"
  location            = "swedencentral"
  resource_group_name = "ml"
  kind                = "OpenAI"
  sku_name            = "S0"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_account_customer_managed_key" "separate" {
  cognitive_account_id = azurerm_cognitive_account.separate.id
  key_vault_key_id     = "https://kv.vault.azure.net/keys/openai/0123456789abcdef"
}
