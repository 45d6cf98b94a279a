resource customers 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'acmecustomers'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    allowBlobPublicAccess: true // expect
    publicNetworkAccess: 'Disabled'
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
    networkAcls: {
      defaultAction: 'Allow' // expect
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
