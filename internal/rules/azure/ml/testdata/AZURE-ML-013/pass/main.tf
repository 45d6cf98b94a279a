variable "admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_machine_learning_compute_cluster" "key" {
  name                          = "key"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_NC6S_V3"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30M"
  }
  ssh {
    admin_username = "azureuser"
    key_value      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host"
  }
}

resource "azurerm_machine_learning_compute_cluster" "variable" {
  name                          = "variable"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_NC6S_V3"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30M"
  }
  ssh {
    admin_username = "azureuser"
    admin_password = var.admin_password
  }
}
