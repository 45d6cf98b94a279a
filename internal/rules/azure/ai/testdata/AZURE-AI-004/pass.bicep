resource r1 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'restricted'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    restrictOutboundNetworkAccess: true
    allowedFqdnList: [
      'contosodata.blob.core.windows.net'
    ]
  }
}
