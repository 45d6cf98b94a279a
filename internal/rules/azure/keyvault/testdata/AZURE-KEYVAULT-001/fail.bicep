resource r1 'Microsoft.KeyVault/vaults@2023-07-01' = { // expect
  name: 'default'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableRbacAuthorization: true
  }
}

resource r2 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'explicit'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enablePurgeProtection: false // expect
  }
}
