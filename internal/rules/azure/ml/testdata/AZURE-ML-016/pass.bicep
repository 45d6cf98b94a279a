@secure()
param storageKey string

resource r1 'Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01' = {
  name: 'ws/key'
  properties: {
    datastoreType: 'AzureBlob'
    accountName: 'st'
    containerName: 'training'
    credentials: {
      credentialsType: 'AccountKey'
      secrets: {
        secretsType: 'AccountKey'
        key: storageKey
      }
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  name: 'hub/search'
  properties: {
    category: 'CognitiveSearch'
    authType: 'ApiKey'
    credentials: {
      key: listKeys(resourceId('Microsoft.Search/searchServices', 'contoso'), '2023-11-01').primaryKey
    }
  }
}
