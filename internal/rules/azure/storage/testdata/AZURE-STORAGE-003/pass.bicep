resource r1 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'https'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    supportsHttpsTrafficOnly: true
  }
}

resource r2 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'unset'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
  }
}
