resource r1 'Microsoft.CognitiveServices/accounts@2024-10-01' = { // expect
  name: 'default'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'default-contoso'
  }
}

resource r2 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'microsoft'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    encryption: {
      keySource: 'Microsoft.CognitiveServices' // expect
    }
  }
}
