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
        key: 'bXlzdG9yYWdla2V5bXlzdG9yYWdla2V5bXlzdG9yYWdla2V5MDAwMA==' // expect
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
      key: '9f8e7d6c5b4a39281706f5e4d3c2b1a0' // expect
    }
  }
}
