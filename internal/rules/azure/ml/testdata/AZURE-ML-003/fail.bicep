resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = { // expect
  name: 'default'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'default'
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'explicit'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    hbiWorkspace: false // expect
  }
}
