resource entraService 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'rag-entra'
  location: 'westeurope'
  sku: {
    name: 'standard'
  }
  properties: {
    publicNetworkAccess: 'disabled'
    disableLocalAuth: true
  }
}
