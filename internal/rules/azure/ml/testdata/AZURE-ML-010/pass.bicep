resource r1 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/private'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
      enableNodePublicIp: false
      subnet: {
        id: '/subscriptions/0/resourceGroups/ml/providers/Microsoft.Network/virtualNetworks/v/subnets/s'
      }
    }
  }
}
