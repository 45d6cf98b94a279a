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
        key: listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-05-01').keys[0].value // expect
      }
    }
  }
}
