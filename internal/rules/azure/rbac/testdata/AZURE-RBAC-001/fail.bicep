resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'ws'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {}
}

resource r2 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/train'
  location: 'westeurope'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'train')}': {}
    }
  }
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
    }
  }
}

resource r3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, 'ws', 'contributor')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c') // expect
    principalId: reference(resourceId('Microsoft.MachineLearningServices/workspaces', 'ws'), '2024-10-01', 'Full').identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource r4 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, 'train', 'owner')
  properties: {
    roleDefinitionId: '/subscriptions/${subscription().subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635' // expect
    principalId: reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'train'), '2023-01-31').principalId
  }
}
