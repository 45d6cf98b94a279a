resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'ws'
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

resource r2 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  name: 'ws/fraud'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    authMode: 'AADToken'
  }
}

resource r3 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01' = {
  name: 'ws/fraud/blue'
  location: 'westeurope'
  sku: {
    name: 'Default'
    capacity: 1
  }
  properties: {
    endpointComputeType: 'Managed'
    model: 'azureml:fraud:3'
    instanceType: 'Standard_DS3_v2'
  }
}

resource r4 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'open'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'open'
  }
}

resource r5 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  name: 'open/other'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    authMode: 'AADToken'
  }
}

resource r6 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01' = {
  name: 'open/other/green'
  location: 'westeurope'
  sku: {
    name: 'Default'
    capacity: 1
  }
  properties: {
    endpointComputeType: 'Managed'
    model: 'azureml:fraud:3'
    instanceType: 'Standard_DS3_v2'
    egressPublicNetworkAccess: 'Disabled'
  }
}
