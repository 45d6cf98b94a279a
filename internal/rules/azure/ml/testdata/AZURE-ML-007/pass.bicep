resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'private'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverlessComputeSettings: {
      serverlessComputeNoPublicIP: true
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'none'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'none'
  }
}
