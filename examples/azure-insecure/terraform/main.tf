# An Azure Machine Learning platform as a team might first write it: a
# workspace with defaults, a compute instance with SSH, a training cluster
# with an administrator password, an AKS inference cluster, a datastore with
# the storage key, an online endpoint through azapi, an Azure OpenAI account,
# and the workspace's storage account and key vault with their defaults.
#   go run ./cmd/mlguard scan examples/azure-insecure

resource "azurerm_resource_group" "ml" {
  name     = "ml-platform"
  location = "westeurope"
}

resource "azurerm_storage_account" "ml" {
  name                     = "mlplatformdata"
  resource_group_name      = azurerm_resource_group.ml.name
  location                 = azurerm_resource_group.ml.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_0"
}

resource "azurerm_key_vault" "ml" {
  name                = "ml-platform-kv"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_application_insights" "ml" {
  name                = "ml-platform-ai"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  application_type    = "web"
}

resource "azurerm_machine_learning_workspace" "ml" {
  name                    = "ml-platform"
  location                = azurerm_resource_group.ml.location
  resource_group_name     = azurerm_resource_group.ml.name
  application_insights_id = azurerm_application_insights.ml.id
  key_vault_id            = azurerm_key_vault.ml.id
  storage_account_id      = azurerm_storage_account.ml.id

  identity {
    type = "SystemAssigned"
  }
}

# A second workspace for experiments, "isolated" but open to the internet.
resource "azurerm_machine_learning_workspace" "lab" {
  name                          = "ml-lab"
  location                      = azurerm_resource_group.ml.location
  resource_group_name           = azurerm_resource_group.ml.name
  application_insights_id       = azurerm_application_insights.ml.id
  key_vault_id                  = azurerm_key_vault.ml.id
  storage_account_id            = azurerm_storage_account.ml.id
  public_network_access_enabled = false
  high_business_impact          = true
  storage_account_access_type   = "Identity"

  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_vault_id = azurerm_key_vault.ml.id
    key_id       = "https://ml-platform-kv.vault.azure.net/keys/lab/0123456789abcdef"
  }
  managed_network {
    isolation_mode = "AllowInternetOutbound"
  }
  serverless_compute {
    public_ip_enabled = true
  }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "everything" {
  name             = "everything"
  workspace_id     = azurerm_machine_learning_workspace.lab.id
  destination_fqdn = "*"
}

resource "azurerm_machine_learning_compute_instance" "research" {
  name                          = "research-ci"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ml.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  ssh {
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly research@laptop"
  }
}

resource "azurerm_machine_learning_compute_cluster" "train" {
  name                          = "train"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ml.id
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_NC6S_V3"
  ssh_public_access_enabled     = true
  local_auth_enabled            = false
  node_public_ip_enabled        = false
  subnet_resource_id            = "/subscriptions/0/resourceGroups/ml-platform/providers/Microsoft.Network/virtualNetworks/ml/subnets/training"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 8
    scale_down_nodes_after_idle_duration = "PT30M"
  }
  ssh {
    admin_username = "azureuser"
    admin_password = "Tr4ining-Cluster!"
  }
}

resource "azurerm_machine_learning_inference_cluster" "scoring" {
  name                          = "scoring"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ml.id
  kubernetes_cluster_id         = "/subscriptions/0/resourceGroups/ml-platform/providers/Microsoft.ContainerService/managedClusters/scoring"
}

resource "azurerm_storage_container" "training" {
  name               = "training"
  storage_account_id = azurerm_storage_account.ml.id
}

resource "azurerm_machine_learning_datastore_blobstorage" "training" {
  name                 = "training"
  workspace_id         = azurerm_machine_learning_workspace.ml.id
  storage_container_id = azurerm_storage_container.training.resource_manager_id
  account_key          = azurerm_storage_account.ml.primary_access_key
}

resource "azapi_resource" "fraud" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "fraud"
  parent_id = azurerm_machine_learning_workspace.ml.id
  location  = azurerm_resource_group.ml.location
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode = "Key"
    }
  }
}

resource "azapi_resource" "fraud_blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "blue"
  parent_id = azapi_resource.fraud.id
  location  = azurerm_resource_group.ml.location
  body = {
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType = "Managed"
      model               = "azureml:fraud:3"
      instanceType        = "Standard_DS3_v2"
    }
  }
}

resource "azurerm_cognitive_account" "openai" {
  name                = "ml-platform-openai"
  location            = "swedencentral"
  resource_group_name = azurerm_resource_group.ml.name
  kind                = "OpenAI"
  sku_name            = "S0"
}

# The workspace identity gets Contributor on the whole resource group, so
# that "jobs can create what they need".
resource "azurerm_role_assignment" "ml_contributor" {
  scope                = azurerm_resource_group.ml.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_machine_learning_workspace.ml.identity[0].principal_id
}

# The chat deployment's policy: filters relaxed "to stop false positives".
resource "azurerm_cognitive_account_rai_policy" "chat" {
  name                 = "chat"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  base_policy_name     = "Microsoft.DefaultV2"
  content_filter {
    name               = "Jailbreak"
    filter_enabled     = false
    block_enabled      = false
    severity_threshold = "High"
    source             = "Prompt"
  }
}
