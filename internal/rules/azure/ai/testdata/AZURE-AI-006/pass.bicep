param block bool

resource r1 'Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01' = {
  name: 'contoso/strict'
  properties: {
    basePolicyName: 'Microsoft.DefaultV2'
    mode: 'Blocking'
    contentFilters: [
      {
        name: 'Violence'
        source: 'Completion'
        severityThreshold: 'High'
        enabled: true
        blocking: true
      }
      {
        name: 'Jailbreak'
        source: 'Prompt'
        severityThreshold: 'High'
        enabled: true
        blocking: block
      }
    ]
  }
}
