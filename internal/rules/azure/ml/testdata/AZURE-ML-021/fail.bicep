resource r1 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01' = {
  name: 'ws/fraud/blue'
  location: 'westeurope'
  sku: {
    name: 'Default'
    capacity: 1
  }
  properties: {
    endpointComputeType: 'Managed'
    model: 'azureml:fraud:3'
    environmentVariables: {
      MODEL_NAME: 'fraud'
      OPENAI_API_KEY: '3f2b9c0d8e7a6b5c4d3e2f1a0b9c8d7e' // expect
    }
  }
}
