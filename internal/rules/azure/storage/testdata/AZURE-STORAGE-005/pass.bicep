resource r1 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'deny'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource r2 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'private'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource r3 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'perimeter'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    publicNetworkAccess: 'SecuredByPerimeter'
  }
}
