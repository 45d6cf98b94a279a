variable "openai_key" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "blue"
  parent_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws/onlineEndpoints/fraud"
  location  = "westeurope"
  body = {
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType       = "Managed"
      model                     = "azureml:fraud:3"
      egressPublicNetworkAccess = "Disabled"
      environmentVariables = {
        MODEL_NAME     = "fraud"
        OPENAI_API_KEY = var.openai_key
      }
    }
  }
}
