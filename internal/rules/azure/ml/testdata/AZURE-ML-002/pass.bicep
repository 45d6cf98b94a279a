param keyUri string

resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'cmk'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    encryption: {
      status: 'Enabled'
      keyVaultProperties: {
        keyVaultArmId: resourceId('Microsoft.KeyVault/vaults', 'kv')
        keyIdentifier: keyUri
      }
    }
  }
}
