# The platform of examples/azure-insecure with every finding fixed: private
# workspace with a customer-managed key and an approved-outbound managed
# network, computes without public IPs, local auth or SSH, TLS on the
# inference cluster, identity-based datastores and endpoints, and the
# storage account, key vault and Azure OpenAI account closed to the internet.
#   go run ./cmd/mlguard scan examples/azure-hardened   (no findings)

resource "azurerm_resource_group" "ml" {
  name     = "ml-platform"
  location = "westeurope"
}

resource "azurerm_storage_account" "ml" {
  name                            = "mlplatformdata"
  resource_group_name             = azurerm_resource_group.ml.name
  location                        = azurerm_resource_group.ml.location
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
  public_network_access_enabled   = false
}

resource "azurerm_key_vault" "ml" {
  name                          = "ml-platform-kv"
  location                      = azurerm_resource_group.ml.location
  resource_group_name           = azurerm_resource_group.ml.name
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  public_network_access_enabled = false
}

resource "azurerm_key_vault_key" "ml" {
  name         = "ml-platform"
  key_vault_id = azurerm_key_vault.ml.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_application_insights" "ml" {
  name                = "ml-platform-ai"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  application_type    = "web"
}

resource "azurerm_machine_learning_workspace" "ml" {
  name                          = "ml-platform"
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
    key_id       = azurerm_key_vault_key.ml.id
  }
  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}

# With public access off, clients and pipelines reach the workspace here.
resource "azurerm_private_endpoint" "ml" {
  name                = "ml-platform-pe"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/ml/subnets/endpoints"
  private_service_connection {
    name                           = "amlworkspace"
    private_connection_resource_id = azurerm_machine_learning_workspace.ml.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "pypi" {
  name             = "pypi"
  workspace_id     = azurerm_machine_learning_workspace.ml.id
  destination_fqdn = "pypi.org"
}

resource "azurerm_machine_learning_compute_instance" "research" {
  name                          = "research-ci"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ml.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  local_auth_enabled            = false
  node_public_ip_enabled        = false
}

resource "azurerm_machine_learning_compute_cluster" "train" {
  name                          = "train"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ml.id
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_NC6S_V3"
  local_auth_enabled            = false
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 8
    scale_down_nodes_after_idle_duration = "PT30M"
  }
}

resource "azurerm_machine_learning_inference_cluster" "scoring" {
  name                          = "scoring"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ml.id
  kubernetes_cluster_id         = "/subscriptions/0/resourceGroups/ml-platform/providers/Microsoft.ContainerService/managedClusters/scoring"
  ssl {
    leaf_domain_label         = "ml-scoring"
    overwrite_existing_domain = true
  }
}

resource "azurerm_storage_container" "training" {
  name               = "training"
  storage_account_id = azurerm_storage_account.ml.id
}

resource "azurerm_machine_learning_datastore_blobstorage" "training" {
  name                       = "training"
  workspace_id               = azurerm_machine_learning_workspace.ml.id
  storage_container_id       = azurerm_storage_container.training.resource_manager_id
  service_data_auth_identity = "WorkspaceSystemAssignedIdentity"
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
      authMode            = "AADToken"
      publicNetworkAccess = "Disabled"
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
      endpointComputeType       = "Managed"
      model                     = "azureml:fraud:3"
      instanceType              = "Standard_DS3_v2"
      egressPublicNetworkAccess = "Disabled"
    }
  }
}

resource "azurerm_user_assigned_identity" "openai" {
  name                = "ml-platform-openai"
  location            = "swedencentral"
  resource_group_name = azurerm_resource_group.ml.name
}

resource "azurerm_cognitive_account" "openai" {
  name                               = "ml-platform-openai"
  location                           = "swedencentral"
  resource_group_name                = azurerm_resource_group.ml.name
  kind                               = "OpenAI"
  sku_name                           = "S0"
  custom_subdomain_name              = "contoso-ml-openai"
  public_network_access_enabled      = false
  local_auth_enabled                 = false
  outbound_network_access_restricted = true
  fqdns                              = ["mlplatformdata.blob.core.windows.net"]

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.openai.id]
  }
  customer_managed_key {
    key_vault_key_id   = azurerm_key_vault_key.ml.id
    identity_client_id = azurerm_user_assigned_identity.openai.client_id
  }
}

# The workspace identity reads and writes its own data, nothing more.
resource "azurerm_role_assignment" "ml_data" {
  scope                = azurerm_storage_account.ml.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_machine_learning_workspace.ml.identity[0].principal_id
}

# The chat deployment's policy: the default filters, and the violence filter
# on completions made stricter.
resource "azurerm_cognitive_account_rai_policy" "chat" {
  name                 = "chat"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  base_policy_name     = "Microsoft.DefaultV2"
  content_filter {
    name               = "Violence"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Low"
    source             = "Completion"
  }
}
