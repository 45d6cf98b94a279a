resource customers 'Microsoft.Storage/storageAccounts@2023-05-01' = { // expect
  name: 'acmecustomers'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
}

resource support 'Microsoft.Storage/storageAccounts@2023-05-01' = { // expect
  name: 'acmesupport'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
}

resource supportBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: support
  name: 'default'
}

resource supportLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'blob-logs'
  scope: supportBlobs
  properties: {
    workspaceId: '/subscriptions/0000/resourceGroups/ml/providers/Microsoft.OperationalInsights/workspaces/security'
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
    ]
  }
}

resource telemetry 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'acmetelemetry'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
}
