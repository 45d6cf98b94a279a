resource r1 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'ws'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {
        pypi: {
          type: 'FQDN'
          category: 'UserDefined'
          destination: 'pypi.org'
        }
        aml: {
          type: 'ServiceTag'
          category: 'UserDefined'
          destination: {
            serviceTag: 'AzureMachineLearning'
            protocol: 'TCP'
            portRanges: '443'
          }
        }
      }
    }
  }
}
