resource "azurerm_machine_learning_compute_cluster" "password" {
  name                          = "password"
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
    admin_password = "Tr4ining-Cluster!" # expect
  }
}
