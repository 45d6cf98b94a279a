resource "azapi_resource" "key" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "key"
  parent_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = { # expect
    properties = {
      authMode            = "Key"
      publicNetworkAccess = "Disabled"
    }
  }
}
