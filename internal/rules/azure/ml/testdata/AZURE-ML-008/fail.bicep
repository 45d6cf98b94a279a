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
        any: {
          type: 'FQDN'
          category: 'UserDefined'
          destination: '*' // expect
        }
        pypi: {
          type: 'FQDN'
          category: 'UserDefined'
          destination: 'pypi.org'
        }
      }
    }
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/outboundRules@2024-10-01' = {
  name: 'ws/internet'
  properties: {
    type: 'ServiceTag'
    category: 'UserDefined'
    destination: {
      serviceTag: 'Internet' // expect
      protocol: 'TCP'
      portRanges: '443'
    }
  }
}
