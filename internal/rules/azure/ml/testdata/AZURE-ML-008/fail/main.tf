resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "any" {
  name             = "any"
  workspace_id     = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  destination_fqdn = "*" # expect
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "internet" {
  name         = "internet"
  workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  service_tag  = "Internet" # expect
  protocol     = "TCP"
  port_ranges  = "443"
}
