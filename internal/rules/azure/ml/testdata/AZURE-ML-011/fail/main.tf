resource "azurerm_machine_learning_compute_instance" "ssh" {
  name                          = "ssh"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  virtual_machine_size          = "STANDARD_DS3_V2"
  ssh { # expect
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host"
  }
}

resource "azurerm_machine_learning_compute_cluster" "ssh" {
  name                          = "ssh"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_NC6S_V3"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30M"
  }
  ssh_public_access_enabled = true # expect
}
