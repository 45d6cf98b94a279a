resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = { // expect
  name: 'default'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'default'
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'disabled'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    encryption: {
      status: 'Disabled' // expect
      keyVaultProperties: {
        keyVaultArmId: 'x'
        keyIdentifier: 'https://kv.vault.azure.net/keys/k'
      }
    }
  }
}
