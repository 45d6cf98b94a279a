resource r1 'Microsoft.Storage/storageAccounts@2023-05-01' = { // expect
  name: 'default'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
  }
}

resource r2 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'allow'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    networkAcls: {
      defaultAction: 'Allow' // expect
    }
  }
}
