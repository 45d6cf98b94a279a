resource "azapi_resource" "openai" {
  type      = "Microsoft.MachineLearningServices/workspaces/connections@2024-10-01"
  name      = "openai"
  parent_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/hub"
  body = {
    properties = {
      category = "AzureOpenAI"
      target   = "https://contoso.openai.azure.com/"
      authType = "AAD"
    }
  }
}
