@secure()
param searchKey string

resource r1 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  name: 'hub/openai'
  properties: {
    category: 'AzureOpenAI'
    target: 'https://contoso.openai.azure.com/'
    authType: 'ApiKey' // expect
    isSharedToAll: true
    credentials: {
      key: listKeys(resourceId('Microsoft.CognitiveServices/accounts', 'contoso'), '2024-10-01').key1
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  name: 'hub/search'
  properties: {
    category: 'CognitiveSearch'
    target: 'https://contoso.search.windows.net/'
    authType: 'ApiKey' // expect
    credentials: {
      key: searchKey
    }
  }
}
