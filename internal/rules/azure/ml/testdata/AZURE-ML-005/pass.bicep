resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'approved'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
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
