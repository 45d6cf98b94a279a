resource r1 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/entra'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    disableLocalAuth: true
    properties: {
      vmSize: 'Standard_DS3_v2'
    }
  }
}
