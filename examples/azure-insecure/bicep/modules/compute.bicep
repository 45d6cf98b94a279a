// The workspace's compute instance and training cluster.
param workspaceName string
param location string

@allowed(['Enabled', 'Disabled'])
param sshAccess string = 'Disabled'

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {
  name: workspaceName
}

resource instance 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: workspace
  name: 'research-ci'
  location: location
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      sshSettings: {
        sshPublicAccess: sshAccess
        adminPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample'
      }
    }
  }
}

resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: workspace
  name: 'train'
  location: location
  properties: {
    computeType: 'AmlCompute'
    disableLocalAuth: true
    properties: {
      vmSize: 'Standard_NC6s_v3'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 8 }
      userAccountCredentials: { adminUserName: 'azureuser', adminUserPassword: 'Tr4ining-Cluster!' }
    }
  }
}

output clusterId string = cluster.id
