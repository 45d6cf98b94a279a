resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'internet'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    managedNetwork: {
      isolationMode: 'AllowInternetOutbound' // expect
    }
  }
}
