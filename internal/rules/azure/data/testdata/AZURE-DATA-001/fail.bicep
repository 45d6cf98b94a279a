resource customers 'Microsoft.Storage/storageAccounts@2023-05-01' = { // expect
  name: 'acmecustomers'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
}

resource support 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'acmesupport'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    encryption: {
      keySource: 'Microsoft.Storage' // expect
    }
  }
}

resource telemetry 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'acmetelemetry'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
}
