// Package rbac holds the rules on Azure role assignments to the identities
// that train and serve models.
package rbac

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

// privileged are the built-in roles that control access or every resource
// of their scope.
var privileged = map[string]bool{"Owner": true, "Contributor": true, "User Access Administrator": true}

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-RBAC-001", Slug: "ml-identity-privileged-role",
			Title:    "ML workload identity holds Owner, Contributor or User Access Administrator",
			Severity: rule.High, Category: rule.Identity, Provider: "azure", Service: "rbac", CrossObject: true,
			Resources:  []string{"azurerm_role_assignment", "Microsoft.Authorization/roleAssignments"},
			Frameworks: framework.LeastPrivilege(),
			Rationale: "Code in notebooks, training jobs and model servers runs as the workspace's, the compute's or the " +
				"endpoint's identity. With Contributor or Owner it can change or delete every resource of the scope, " +
				"read keys of storage accounts and registries, and with Owner or User Access Administrator grant itself " +
				"anything: one malicious package in a job takes the subscription.",
			Remediation: "Grant data-plane roles on the resources the workload uses (Storage Blob Data Reader or Contributor " +
				"on its containers, AcrPull on its registry, Key Vault Secrets User, Cognitive Services OpenAI User) instead.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_role_assignment\" \"training_data\" {\n  scope                = azurerm_storage_account.training.id\n  role_definition_name = \"Storage Blob Data Reader\"\n  principal_id         = azurerm_machine_learning_compute_cluster.train.identity[0].principal_id\n}",
				"arm":       "\"properties\": {\n  \"roleDefinitionId\": \"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')]\",\n  \"principalId\": \"[reference(resourceId('Microsoft.MachineLearningServices/workspaces', parameters('ws')), '2024-10-01', 'Full').identity.principalId]\"\n}",
			},
			Defaults:   []string{"none: a role assignment names its role and principal"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-assign-roles", "https://learn.microsoft.com/azure/role-based-access-control/best-practices"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			ids := acheck.MLIdentities(in.Azure)
			for _, ra := range in.Azure.RoleAssignments {
				if !ra.Role.Known() || !privileged[ra.Role.Value] {
					continue
				}
				owner := ids.Owner(ra.Principal)
				if owner == "" {
					continue
				}
				scope := "its scope"
				if ra.Scope.Known() && ra.Scope.Value != "" {
					scope = ra.Scope.Value
				} else if len(ra.Scope.Targets) > 0 {
					scope = ra.Scope.Targets[0]
				}
				out = append(out, rule.NewResult(ra.Resource, ra.Role.Meta, ra.Role.Value+" "+owner,
					"%s gives the identity of %s the %s role on %s", ra.Address, owner, ra.Role.Value, scope))
			}
			return out
		},
	})
}
