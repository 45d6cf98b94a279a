param subnetId string = '/subscriptions/0/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/endpoints'

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'private'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ml'
  location: 'westeurope'
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'ml'
        properties: {
          privateLinkServiceId: ws.id
          groupIds: ['amlworkspace']
        }
      }
    ]
  }
}
