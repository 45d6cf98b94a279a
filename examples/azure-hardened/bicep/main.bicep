// The hardened platform of ../arm in Bicep: mlguard finds nothing here.
//   go run ./cmd/mlguard scan examples/azure-hardened/bicep

param workspaceName string = 'ml-platform'
param location string = resourceGroup().location
param keyUri string
param subnetId string

var storageName = '${replace(workspaceName, '-', '')}data'
var vaultName = '${workspaceName}-kv'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_GRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    publicNetworkAccess: 'disabled'
  }
}

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: workspaceName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    storageAccount: storage.id
    keyVault: vault.id
    publicNetworkAccess: 'Disabled'
    hbiWorkspace: true
    systemDatastoresAuthMode: 'identity'
    encryption: {
      status: 'Enabled'
      keyVaultProperties: {
        keyVaultArmId: vault.id
        keyIdentifier: keyUri
      }
    }
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {
        pypi: {
          type: 'FQDN'
          category: 'UserDefined'
          destination: 'pypi.org'
        }
      }
    }
    serverlessComputeSettings: {
      serverlessComputeNoPublicIP: true
    }
  }

  resource instance 'computes@2024-10-01' = {
    name: 'research-ci'
    location: location
    properties: {
      computeType: 'ComputeInstance'
      disableLocalAuth: true
      properties: {
        vmSize: 'Standard_DS3_v2'
        enableNodePublicIp: false
        sshSettings: {
          sshPublicAccess: 'Disabled'
        }
      }
    }
  }

  resource cluster 'computes@2024-10-01' = {
    name: 'train'
    location: location
    properties: {
      computeType: 'AmlCompute'
      disableLocalAuth: true
      properties: {
        vmSize: 'Standard_NC6s_v3'
        enableNodePublicIp: false
        subnet: {
          id: subnetId
        }
        remoteLoginPortPublicAccess: 'Disabled'
        scaleSettings: {
          minNodeCount: 0
          maxNodeCount: 8
        }
      }
    }
  }

  resource training 'datastores@2024-10-01' = {
    name: 'training'
    properties: {
      datastoreType: 'AzureBlob'
      accountName: storageName
      containerName: 'training'
      credentials: {
        credentialsType: 'None'
      }
    }
  }

  resource fraud 'onlineEndpoints@2024-10-01' = {
    name: 'fraud'
    location: location
    identity: {
      type: 'SystemAssigned'
    }
    properties: {
      authMode: 'AADToken'
      publicNetworkAccess: 'Disabled'
    }
  }
}

// With public access off, clients and pipelines reach the workspace here.
resource workspaceEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: '${workspaceName}-pe'
  location: location
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'amlworkspace'
        properties: {
          privateLinkServiceId: workspace.id
          groupIds: ['amlworkspace']
        }
      }
    ]
  }
}

resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01' = {
  parent: workspace::fraud
  name: 'blue'
  location: location
  sku: {
    name: 'Default'
    capacity: 1
  }
  properties: {
    endpointComputeType: 'Managed'
    model: 'azureml:fraud:3'
    instanceType: 'Standard_DS3_v2'
    egressPublicNetworkAccess: 'Disabled'
  }
}

resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: '${workspaceName}-openai'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: 'contoso-ml-openai'
    publicNetworkAccess: 'Disabled'
    disableLocalAuth: true
    restrictOutboundNetworkAccess: true
    allowedFqdnList: [
      'mlplatformdata.blob.core.windows.net'
    ]
    networkAcls: {
      defaultAction: 'Deny'
    }
    encryption: {
      keySource: 'Microsoft.KeyVault'
      keyVaultProperties: {
        keyName: 'openai'
        keyVaultUri: vault.properties.vaultUri
      }
    }
  }
}
