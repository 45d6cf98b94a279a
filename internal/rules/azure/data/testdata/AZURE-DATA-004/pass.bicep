resource customers 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'acmecustomers'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
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
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
  }
}

resource telemetry 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'acmetelemetry'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    supportsHttpsTrafficOnly: false
  }
}
