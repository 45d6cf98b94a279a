resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'private'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled' // expect
  }
}
