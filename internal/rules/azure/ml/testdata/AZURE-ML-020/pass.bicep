param identityId string

resource r1 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  name: 'hub/openai'
  properties: {
    category: 'AzureOpenAI'
    target: 'https://contoso.openai.azure.com/'
    authType: 'AAD'
    isSharedToAll: true
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  name: 'hub/storage'
  properties: {
    category: 'AzureBlob'
    target: 'https://contoso.blob.core.windows.net/data'
    authType: 'ManagedIdentity'
    credentials: {
      clientId: '00000000-0000-0000-0000-000000000000'
      resourceId: identityId
    }
  }
}
