resource r1 'Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01' = {
  name: 'contoso/lax'
  properties: {
    basePolicyName: 'Microsoft.DefaultV2'
    mode: 'Blocking'
    contentFilters: [
      {
        name: 'Violence'
        source: 'Completion'
        severityThreshold: 'High'
        enabled: false // expect
        blocking: false
      }
      {
        name: 'Indirect_Attack'
        source: 'Prompt'
        severityThreshold: 'High'
        enabled: true
        blocking: false // expect
      }
    ]
  }
}
