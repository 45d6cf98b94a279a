package ml

import (
	"slices"

	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-022", Slug: "aml-workspace-private-without-endpoint",
			Title:    "Azure Machine Learning workspace has public access off but no private endpoint",
			Severity: rule.Low, Category: rule.Network, Resources: slices.Concat(acheck.WorkspaceTypes, []string{"azurerm_private_endpoint", "Microsoft.Network/privateEndpoints"}),
			CrossObject: true,
			Frameworks:  framework.NetworkBoundary(),
			Rationale: "With public network access off, the workspace's API and studio answer only through a private endpoint. " +
				"When none is declared with the workspace, no client and no pipeline can reach it: the perimeter exists on " +
				"paper, and the usual way out under deadline is to turn public access back on (or to reach the workspace " +
				"through an endpoint in a network nobody reviewed).",
			Remediation: "Declare the private endpoint with the workspace (subresource amlworkspace) in the virtual network " +
				"your clients and build agents use, with the privatelink.api.azureml.ms and privatelink.notebooks.azure.net " +
				"DNS zones; or, if the endpoint lives in another stack, suppress this finding there with the reason.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_private_endpoint\" \"ml\" {\n  name                = \"pe-ml\"\n  location            = azurerm_resource_group.ml.location\n  resource_group_name = azurerm_resource_group.ml.name\n  subnet_id           = azurerm_subnet.endpoints.id\n  private_service_connection {\n    name                           = \"ml\"\n    private_connection_resource_id = azurerm_machine_learning_workspace.ml.id\n    subresource_names              = [\"amlworkspace\"]\n    is_manual_connection           = false\n  }\n}",
				"arm":       "{\n  \"type\": \"Microsoft.Network/privateEndpoints\",\n  \"properties\": {\n    \"subnet\": {\"id\": \"[parameters('subnetId')]\"},\n    \"privateLinkServiceConnections\": [{\"name\": \"ml\", \"properties\": {\n      \"privateLinkServiceId\": \"[resourceId('Microsoft.MachineLearningServices/workspaces', 'ml')]\",\n      \"groupIds\": [\"amlworkspace\"]}}]\n  }\n}",
			},
			Defaults: []string{"Only private endpoints of the same scan count; one whose target is not linked to a resource of the code (unknown, or an ID written out) may be this workspace's, and the workspace is not judged",
				"AI Foundry projects reach the network through their hub and are not judged"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link",
				"https://learn.microsoft.com/azure/private-link/private-endpoint-overview"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return workspaces(in, func(ws *azure.Workspace) *rule.Result {
				if !ws.PublicNetworkAccess.IsFalse() {
					return nil
				}
				for _, pe := range in.Azure.PrivateEndpoints {
					if reaches, maybe := pe.Reaches(ws.Address); reaches || maybe {
						return nil
					}
				}
				r := rule.NewResult(ws.Resource, ws.PublicNetworkAccess.Meta, "no private endpoint",
					"%s has public network access off, but no private endpoint in this code reaches it", ws.Address)
				return &r
			})
		},
	})
}
