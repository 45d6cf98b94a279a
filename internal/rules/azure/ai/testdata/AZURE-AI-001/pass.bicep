resource r1 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'private'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'private-contoso'
    publicNetworkAccess: 'Disabled'
  }
}

resource r2 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'deny'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'deny-contoso'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
      ]
    }
  }
}
