resource "azapi_resource" "default" { # expect
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "default"
  parent_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode = "AADToken"
    }
  }
}

resource "azapi_resource" "explicit" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "explicit"
  parent_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = { # expect
    properties = {
      authMode            = "AADToken"
      publicNetworkAccess = "Enabled"
    }
  }
}
