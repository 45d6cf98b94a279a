resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "pypi" {
  name             = "pypi"
  workspace_id     = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  destination_fqdn = "pypi.org"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "aml" {
  name         = "aml"
  workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  service_tag  = "AzureMachineLearning"
  protocol     = "TCP"
  port_ranges  = "443"
}
