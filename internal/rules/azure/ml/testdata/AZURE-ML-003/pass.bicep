resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'hbi'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    hbiWorkspace: true
  }
}
