# An Azure Machine Learning workspace closed to the internet: public network
# access off, a managed network that allows only approved outbound traffic,
# private endpoints, a customer-managed key, high business impact, computes
# without public IPs or local accounts, and storage and a key vault locked
# the same way.

resource "azurerm_application_insights" "ml" {
  name                = "${var.name}-ai"
  location            = var.location
  resource_group_name = var.resource_group_name
  application_type    = "web"
  tags                = var.tags
}

resource "azurerm_storage_account" "ml" {
  name                            = "${var.name}mlstore"
  resource_group_name             = var.resource_group_name
  location                        = var.location
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
  public_network_access_enabled   = false
  tags                            = var.tags
}

resource "azurerm_key_vault" "ml" {
  name                          = "${var.name}-ml-kv"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  tenant_id                     = var.tenant_id
  sku_name                      = "premium"
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  rbac_authorization_enabled    = true
  public_network_access_enabled = false
  tags                          = var.tags
}

resource "azurerm_key_vault_key" "workspace" {
  name         = "${var.name}-workspace"
  key_vault_id = azurerm_key_vault.ml.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_machine_learning_workspace" "ml" {
  name                          = "${var.name}-ml"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  application_insights_id       = azurerm_application_insights.ml.id
  key_vault_id                  = azurerm_key_vault.ml.id
  storage_account_id            = azurerm_storage_account.ml.id
  public_network_access_enabled = false
  high_business_impact          = true
  storage_account_access_type   = "Identity"
  tags                          = var.tags

  identity {
    type = "SystemAssigned"
  }

  encryption {
    key_vault_id = azurerm_key_vault.ml.id
    key_id       = azurerm_key_vault_key.workspace.id
  }

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "approved" {
  for_each         = toset(var.approved_outbound_fqdns)
  name             = replace(replace(each.value, "*", "any"), ".", "-")
  workspace_id     = azurerm_machine_learning_workspace.ml.id
  destination_fqdn = each.value
}

resource "azurerm_private_endpoint" "targets" {
  for_each = {
    workspace = { id = azurerm_machine_learning_workspace.ml.id, subresource = "amlworkspace" }
    blob      = { id = azurerm_storage_account.ml.id, subresource = "blob" }
    vault     = { id = azurerm_key_vault.ml.id, subresource = "vault" }
  }
  name                = "${var.name}-${each.key}-pe"
  location            = var.location
  resource_group_name = var.resource_group_name
  subnet_id           = var.private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "${var.name}-${each.key}"
    private_connection_resource_id = each.value.id
    subresource_names              = [each.value.subresource]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_compute_cluster" "train" {
  name                          = "train"
  location                      = var.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ml.id
  vm_priority                   = "Dedicated"
  vm_size                       = var.compute_vm_size
  local_auth_enabled            = false
  node_public_ip_enabled        = false
  tags                          = var.tags

  identity {
    type = "SystemAssigned"
  }

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30M"
  }
}

# The workspace's identity wraps with the key; the compute reads blobs; the
# data scientists work in the workspace. No Owner, Contributor or User
# Access Administrator anywhere.
resource "azurerm_role_assignment" "workspace_key" {
  scope                = azurerm_key_vault.ml.id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = azurerm_machine_learning_workspace.ml.identity[0].principal_id
}

resource "azurerm_role_assignment" "compute_data" {
  scope                = azurerm_storage_account.ml.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_machine_learning_compute_cluster.train.identity[0].principal_id
}

resource "azurerm_role_assignment" "data_scientists" {
  scope                = azurerm_machine_learning_workspace.ml.id
  role_definition_name = "AzureML Data Scientist"
  principal_id         = var.data_scientists_principal_id
}
