resource "azurerm_machine_learning_inference_cluster" "tls" {
  name                          = "tls"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  kubernetes_cluster_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.ContainerService/managedClusters/aks"
  ssl {
    leaf_domain_label         = "ml-scoring"
    overwrite_existing_domain = true
  }
}
