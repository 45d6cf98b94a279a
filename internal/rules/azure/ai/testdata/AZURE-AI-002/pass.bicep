resource r1 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'entra'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    disableLocalAuth: true
  }
}
