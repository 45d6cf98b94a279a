resource r1 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'tls11'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_1' // expect
  }
}
