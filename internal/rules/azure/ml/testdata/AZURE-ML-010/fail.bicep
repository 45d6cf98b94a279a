resource r1 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = { // expect
  name: 'ws/default'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/explicit'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
      enableNodePublicIp: true // expect
    }
  }
}
