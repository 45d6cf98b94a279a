resource r1 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = { // expect
  name: 'ws/aks'
  location: 'westeurope'
  properties: {
    computeType: 'AKS'
    properties: {
      agentCount: 3
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/disabled'
  location: 'westeurope'
  properties: {
    computeType: 'AKS'
    properties: {
      sslConfiguration: {
        status: 'Disabled' // expect
      }
    }
  }
}
