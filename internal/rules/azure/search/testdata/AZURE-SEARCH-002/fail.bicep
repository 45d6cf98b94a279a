resource defaultService 'Microsoft.Search/searchServices@2023-11-01' = { // expect
  name: 'rag-default'
  location: 'westeurope'
  sku: {
    name: 'standard'
  }
  properties: {
    publicNetworkAccess: 'disabled'
  }
}
