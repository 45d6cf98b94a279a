resource r1 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'http'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    supportsHttpsTrafficOnly: false // expect
  }
}
