resource r1 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  name: 'ws/key'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    authMode: 'Key' // expect
    publicNetworkAccess: 'Disabled'
  }
}
