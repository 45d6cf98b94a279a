resource r1 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'admin'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: true // expect
  }
}
