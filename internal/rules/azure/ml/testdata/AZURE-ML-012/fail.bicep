resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'ws'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'open'
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = { // expect
  name: 'ws/ci'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
    }
  }
}
