resource r1 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'anonymous'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    anonymousPullEnabled: true // expect
  }
}
