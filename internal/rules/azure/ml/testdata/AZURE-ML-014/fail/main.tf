resource "azurerm_machine_learning_inference_cluster" "http" { # expect
  name                          = "http"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws"
  kubernetes_cluster_id         = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.ContainerService/managedClusters/aks"
}
