resource r1 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = { // expect
  name: 'ws/default'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    authMode: 'AADToken'
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  name: 'ws/explicit'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    authMode: 'AADToken'
    publicNetworkAccess: 'Enabled' // expect
  }
}
