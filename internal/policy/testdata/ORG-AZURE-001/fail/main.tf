resource "azurerm_subnet" "default" {
  name                 = "default"
  resource_group_name  = "net"
  virtual_network_name = "ml"
  address_prefixes     = ["10.0.0.0/24"]
}

resource "azurerm_machine_learning_compute_cluster" "train" {
  name                          = "train"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_NC6S_V3"
  subnet_resource_id            = azurerm_subnet.default.id # expect
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30M"
  }
}

resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = "/subscriptions/0/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/ml/subnets/default" # expect
}
