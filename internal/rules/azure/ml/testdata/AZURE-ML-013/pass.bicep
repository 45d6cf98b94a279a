@secure()
param adminPassword string

resource r1 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/param'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
      subnet: {
        id: '/subscriptions/0/resourceGroups/ml/providers/Microsoft.Network/virtualNetworks/v/subnets/s'
      }
      userAccountCredentials: {
        adminUserName: 'azureuser'
        adminUserPassword: adminPassword
      }
    }
  }
}
