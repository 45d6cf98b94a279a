resource r1 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/ci'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      sshSettings: {
        sshPublicAccess: 'Disabled'
      }
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/invnet'
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
        adminUserSshPublicKey: 'ssh-ed25519 AAAA'
      }
    }
  }
}

resource r3 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/noadmin'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
    }
  }
}
