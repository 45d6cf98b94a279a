param access string = 'Enabled'

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
    publicNetworkAccess: 'Enabled' // expect
  }
}

resource r3 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'param'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: access // expect
  }
}

resource r4 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'project'
  location: 'westeurope'
  kind: 'Project'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    hubResourceId: resourceId('Microsoft.MachineLearningServices/workspaces', 'default')
  }
}
