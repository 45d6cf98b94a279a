resource customers 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'acmecustomers'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    encryption: {
      keySource: 'Microsoft.Keyvault'
      keyvaultproperties: {
        keyname: 'data'
        keyvaulturi: 'https://ml-kv.vault.azure.net'
      }
    }
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
      keySource: 'Microsoft.Keyvault'
      keyvaultproperties: {
        keyname: 'data'
        keyvaulturi: 'https://ml-kv.vault.azure.net'
      }
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
