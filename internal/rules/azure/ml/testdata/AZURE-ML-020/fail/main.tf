resource "azapi_resource" "openai" {
  type      = "Microsoft.MachineLearningServices/workspaces/connections@2024-10-01"
  name      = "openai"
  parent_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/hub"
  body = { # expect
    properties = {
      category      = "AzureOpenAI"
      target        = "https://contoso.openai.azure.com/"
      authType      = "ApiKey"
      isSharedToAll = true
      credentials   = { key = azurerm_cognitive_account.openai.primary_access_key }
    }
  }
}

resource "azurerm_cognitive_account" "openai" {
  name                  = "contoso"
  location              = "swedencentral"
  resource_group_name   = "ml"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "contoso"
}
