// The platform of ../arm written in Bicep, as a team would: symbolic
// references instead of resourceId(), the computes in a module, the
// datastore as a nested resource, the endpoint's deployment with parent:.
// main.bicepparam gives it its values. Scan it with
//   go run ./cmd/mlguard scan examples/azure-insecure/bicep

@description('Name of the workspace; other names derive from it.')
param workspaceName string
param location string = resourceGroup().location

@allowed(['Enabled', 'Disabled'])
param publicAccess string = 'Enabled'

@secure()
param storageKey string = 'bXlzdG9yYWdla2V5bXlzdG9yYWdla2V5bXlzdG9yYWdla2V5MDAwMA=='

var storageName = '${replace(workspaceName, '-', '')}data'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_GRS' }
  properties: {
    supportsHttpsTrafficOnly: false
    allowBlobPublicAccess: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${workspaceName}-kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    accessPolicies: []
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${workspaceName}-ai'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: workspaceName
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    friendlyName: workspaceName
    storageAccount: storage.id
    keyVault: vault.id
    applicationInsights: insights.id
    publicNetworkAccess: publicAccess
  }

  resource training 'datastores' = {
    name: 'training'
    properties: {
      datastoreType: 'AzureBlob'
      accountName: storage.name
      containerName: 'training'
      credentials: {
        credentialsType: 'AccountKey'
        secrets: { secretsType: 'AccountKey', key: storageKey }
      }
    }
  }

  resource fraud 'onlineEndpoints' = {
    name: 'fraud'
    location: location
    identity: { type: 'SystemAssigned' }
    properties: { authMode: 'Key' }
  }
}

module computes 'modules/compute.bicep' = {
  name: 'computes'
  params: {
    workspaceName: workspace.name
    location: location
    sshAccess: 'Enabled'
  }
}

resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01' = {
  parent: workspace::fraud
  name: 'blue'
  location: location
  sku: { name: 'Default', capacity: 1 }
  properties: {
    endpointComputeType: 'Managed'
    model: 'azureml:fraud:3'
    instanceType: 'Standard_DS3_v2'
    environmentVariables: { FEATURE_STORE_PASSWORD: 'Feat-Store-2026!' }
  }
}

resource owner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, workspace.id, 'owner')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')
    principalId: workspace.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: '${workspaceName}-openai'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {}
}
