@secure()
param adminUserName string
@secure()
param adminUserPassword string
param subnetId string = ''

resource r1 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/ci'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      sshSettings: {
        sshPublicAccess: 'Enabled' // expect
        adminPublicKey: 'ssh-ed25519 AAAA'
      }
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/implicit'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
      userAccountCredentials: { // expect
        adminUserName: 'azureuser'
        adminUserSshPublicKey: 'ssh-ed25519 AAAA'
      }
    }
  }
}

resource r3 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/explicit'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
      remoteLoginPortPublicAccess: 'Enabled' // expect
    }
  }
}

resource r4 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/param'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
      subnet: empty(subnetId) ? null : { id: subnetId }
      userAccountCredentials: { // expect
        adminUserName: adminUserName
        adminUserPassword: adminUserPassword
      }
    }
  }
}
