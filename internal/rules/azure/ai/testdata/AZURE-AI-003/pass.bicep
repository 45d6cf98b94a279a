param clientId string

resource r1 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'cmk'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    encryption: {
      keySource: 'Microsoft.KeyVault'
      keyVaultProperties: {
        keyName: 'openai'
        keyVaultUri: 'https://kv.vault.azure.net/'
        identityClientId: clientId
      }
    }
  }
}
