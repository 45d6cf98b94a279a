resource r1 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'deny'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource r2 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'private'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    publicNetworkAccess: 'disabled'
  }
}
