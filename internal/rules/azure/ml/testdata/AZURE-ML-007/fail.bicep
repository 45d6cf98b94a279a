resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'public'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverlessComputeSettings: {
      serverlessComputeNoPublicIP: false // expect
    }
  }
}
