resource r1 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'off'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource r2 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'default'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
