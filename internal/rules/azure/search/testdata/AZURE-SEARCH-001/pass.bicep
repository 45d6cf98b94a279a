resource privateService 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'rag-private'
  location: 'westeurope'
  sku: {
    name: 'standard'
  }
  properties: {
    publicNetworkAccess: 'disabled'
  }
}

resource officeService 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'rag-office'
  location: 'westeurope'
  sku: {
    name: 'standard'
  }
  properties: {
    networkRuleSet: {
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
      ]
    }
  }
}
