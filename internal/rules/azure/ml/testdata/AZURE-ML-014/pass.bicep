resource r1 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/aks'
  location: 'westeurope'
  properties: {
    computeType: 'AKS'
    properties: {
      sslConfiguration: {
        status: 'Enabled'
        leafDomainLabel: 'ml-scoring'
      }
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  name: 'ws/attached'
  location: 'westeurope'
  properties: {
    computeType: 'Kubernetes'
    properties: {
      namespace: 'azureml'
    }
  }
}
