resource r1 'Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01' = {
  name: 'ws/identity'
  properties: {
    datastoreType: 'AzureBlob'
    accountName: 'st'
    containerName: 'training'
    credentials: {
      credentialsType: 'None'
    }
  }
}
