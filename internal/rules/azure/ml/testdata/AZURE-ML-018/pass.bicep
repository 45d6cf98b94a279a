resource r1 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  name: 'ws/entra'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    authMode: 'AADToken'
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  name: 'ws/unset'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
