@secure()
param openAiKey string

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
      OPENAI_API_KEY: openAiKey
    }
  }
}
