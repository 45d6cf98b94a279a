resource r1 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'protected'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}
