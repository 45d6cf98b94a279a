resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'identity'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    systemDatastoresAuthMode: 'identity'
  }
}
