resource "azurerm_machine_learning_compute_instance" "default" { # expect
  name                          = "default"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  virtual_machine_size          = "STANDARD_DS3_V2"
}

resource "azurerm_machine_learning_compute_cluster" "explicit" {
  name                          = "explicit"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_NC6S_V3"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30M"
  }
  node_public_ip_enabled = true # expect
}
