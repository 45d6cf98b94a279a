// Package ml holds the rules on Azure Machine Learning: workspaces and AI
// Foundry hubs, their managed networks, computes, datastores and online
// endpoints.
package ml

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "azure", "ml"
	rule.Register(r)
}

// workspaces runs f on every workspace and hub. AI Foundry projects are
// left to their hub, whose settings they inherit (and are unknown when the
// hub is elsewhere).
func workspaces(in *rule.Input, f func(ws *azure.Workspace) *rule.Result) []rule.Result {
	return acheck.Each(in.Azure.Workspaces, func(ws *azure.Workspace) *rule.Result {
		if strings.EqualFold(ws.Kind.Value, "project") {
			return nil
		}
		return f(ws)
	})
}

const policyURL = "https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2F"

// workspaces runs f on every workspace.

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-001", Slug: "aml-workspace-public-network",
			Title:    "Azure Machine Learning workspace is reachable from public networks",
			Severity: rule.High, Category: rule.Network, Resources: acheck.WorkspaceTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "With public network access on, the workspace API, studio, its model registry and the notebooks of " +
				"its compute instances answer from any network to anyone holding a token; a leaked token or a phished " +
				"user downloads models and data from anywhere. Private endpoints keep them on your network.",
			Remediation: "Set public_network_access_enabled = false (public_network_access = \"Disabled\" on AI Foundry hubs; " +
				"publicNetworkAccess: Disabled in ARM) and reach the workspace through a private endpoint.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_workspace\" \"ml\" {\n  public_network_access_enabled = false\n}",
				"arm":       "\"properties\": {\n  \"publicNetworkAccess\": \"Disabled\"\n}",
			},
			Defaults: []string{"public_network_access_enabled: true", "AI Foundry public_network_access: Enabled", "ARM publicNetworkAccess: Enabled"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link",
				policyURL + "438c38d2-3772-465a-a9cc-7a6666a275ce"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return workspaces(in, func(ws *azure.Workspace) *rule.Result {
				return acheck.When(ws.Resource, ws.PublicNetworkAccess, true, "public",
					"%s accepts connections from public networks (%s%s)", ws.Address,
					acheck.Name(ws.Resource, "public network access on", "publicNetworkAccess Enabled"), rule.DefaultNote(ws.PublicNetworkAccess.Explicit))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-002", Slug: "aml-workspace-cmk",
			Title:    "Azure Machine Learning workspace is not encrypted with a customer-managed key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest, Resources: acheck.WorkspaceTypes,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Without a customer-managed key, the workspace's metadata, run history, and the Cosmos DB, search and " +
				"storage resources Azure creates for it are encrypted with Microsoft-managed keys: you cannot revoke access " +
				"to training data and models by disabling a key, nor prove who used it. The key can only be set at creation.",
			Remediation: "Add an encryption block with key_vault_id and key_id of a Key Vault key (encryption.status Enabled with " +
				"keyVaultProperties in ARM) when the workspace is created.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_workspace\" \"ml\" {\n  encryption {\n    key_vault_id = azurerm_key_vault.ml.id\n    key_id       = azurerm_key_vault_key.ml.id\n  }\n}",
				"arm":       "\"encryption\": {\n  \"status\": \"Enabled\",\n  \"keyVaultProperties\": {\n    \"keyVaultArmId\": \"[resourceId('Microsoft.KeyVault/vaults', parameters('vault'))]\",\n    \"keyIdentifier\": \"[parameters('keyUri')]\"\n  }\n}",
			},
			Defaults:   []string{"encryption: absent, so Microsoft-managed keys"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/concept-customer-managed-keys", policyURL + "ba769a63-b8cc-4b2d-abf6-ac33c7204be8"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return workspaces(in, func(ws *azure.Workspace) *rule.Result {
				if !ws.CMK.Absent() {
					return nil
				}
				why := "no " + acheck.Name(ws.Resource, "encryption block", "encryption.keyVaultProperties")
				if ws.CMK.Explicit {
					why = "encryption.status Disabled"
				}
				return acheck.Ptr(rule.NewResult(ws.Resource, ws.CMK.Meta, "cmk", "%s is encrypted with Microsoft-managed keys (%s)", ws.Address, why))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-003", Slug: "aml-workspace-high-business-impact",
			Title:    "Azure Machine Learning workspace is not flagged high business impact",
			Severity: rule.Low, Category: rule.DataProtection, Resources: acheck.WorkspaceTypes,
			Frameworks: framework.Retention(),
			Rationale: "A high business impact workspace sends less diagnostic data to Microsoft and encrypts the local " +
				"scratch disks of its compute clusters; without it, logs and diagnostics about jobs on sensitive data " +
				"leave the tenant. The flag can only be set when the workspace is created.",
			Remediation: "Set high_business_impact = true (high_business_impact_enabled = true on AI Foundry hubs; hbiWorkspace: true in ARM) on workspaces that hold sensitive data.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_workspace\" \"ml\" {\n  high_business_impact = true\n}",
				"arm":       "\"properties\": {\n  \"hbiWorkspace\": true\n}",
			},
			Defaults:   []string{"high_business_impact: false", "AI Foundry high_business_impact_enabled: false, true when encryption is set", "ARM hbiWorkspace: false"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/concept-data-encryption#encryption-at-rest"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return workspaces(in, func(ws *azure.Workspace) *rule.Result {
				return acheck.When(ws.Resource, ws.HighBusinessImpact, false, "hbi", "%s is not a high business impact workspace (%s false%s)",
					ws.Address, acheck.Name(ws.Resource, "high_business_impact", "hbiWorkspace"), rule.DefaultNote(ws.HighBusinessImpact.Explicit))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-004", Slug: "aml-managed-network-disabled",
			Title:    "Azure Machine Learning workspace has no managed virtual network",
			Severity: rule.Medium, Category: rule.Isolation, Resources: acheck.WorkspaceTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "With managed network isolation Disabled, compute instances, clusters, serverless jobs and managed " +
				"online endpoints run in no network the workspace controls: unless each is placed in your own virtual " +
				"network, they reach the internet freely and the workspace's storage over public endpoints.",
			Remediation: "Set managed_network { isolation_mode = \"AllowOnlyApprovedOutbound\" } (managedNetwork.isolationMode in ARM), " +
				"or AllowInternetOutbound where jobs need the internet.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_workspace\" \"ml\" {\n  managed_network {\n    isolation_mode = \"AllowOnlyApprovedOutbound\"\n  }\n}",
				"arm":       "\"managedNetwork\": {\n  \"isolationMode\": \"AllowOnlyApprovedOutbound\"\n}",
			},
			Defaults:   []string{"managed_network.isolation_mode: Disabled without the block"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-managed-network"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return workspaces(in, func(ws *azure.Workspace) *rule.Result {
				if !ws.IsolationMode.Known() || !strings.EqualFold(ws.IsolationMode.Value, azure.IsolationDisabled) {
					return nil
				}
				return acheck.Ptr(rule.NewResult(ws.Resource, ws.IsolationMode.Meta, "disabled", "%s has no managed network (isolation mode Disabled%s)",
					ws.Address, rule.DefaultNote(ws.IsolationMode.Explicit)))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-005", Slug: "aml-managed-network-internet-outbound",
			Title:    "Azure Machine Learning managed network allows all outbound internet traffic",
			Severity: rule.Medium, Category: rule.Network, Resources: acheck.WorkspaceTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "AllowInternetOutbound lets every job, notebook and deployment send data to any address: training " +
				"data and model weights leave through pip mirrors, webhooks or a single curl. AllowOnlyApprovedOutbound " +
				"limits egress to the rules you approve.",
			Remediation: "Set isolation_mode = \"AllowOnlyApprovedOutbound\" and add FQDN, service tag or private endpoint outbound rules for what jobs need.",
			Fixes: map[string]string{
				"terraform": "managed_network {\n  isolation_mode = \"AllowOnlyApprovedOutbound\"\n}",
				"arm":       "\"managedNetwork\": {\n  \"isolationMode\": \"AllowOnlyApprovedOutbound\"\n}",
			},
			Defaults:   []string{"managed_network.isolation_mode: Disabled without the block (AZURE-ML-004)"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#configure-a-managed-virtual-network-to-allow-only-approved-outbound", policyURL + "6ddb1705-c8cf-450e-aa4b-19ad6703c440"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return workspaces(in, func(ws *azure.Workspace) *rule.Result {
				if !ws.IsolationMode.Known() || !strings.EqualFold(ws.IsolationMode.Value, azure.IsolationInternetOutbound) {
					return nil
				}
				return acheck.Ptr(rule.NewResult(ws.Resource, ws.IsolationMode.Meta, "internet", "%s lets its computes send traffic anywhere on the internet (%s)",
					ws.Address, ws.IsolationMode.Value))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-006", Slug: "aml-system-datastores-account-key",
			Title:    "Azure Machine Learning system datastores use the storage account key",
			Severity: rule.Medium, Category: rule.Identity, Resources: acheck.WorkspaceTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "With the AccessKey mode, the workspace keeps the storage account's key and its default datastores " +
				"use it: everyone who can read datastore secrets in the workspace holds full access to every container of " +
				"the account, and shared key access cannot be turned off on the account.",
			Remediation: "Set storage_account_access_type = \"Identity\" (systemDatastoresAuthMode: identity in ARM), grant the " +
				"workspace identity Storage Blob Data Contributor, then disable shared key access on the account.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_workspace\" \"ml\" {\n  storage_account_access_type = \"Identity\"\n}",
				"arm":       "\"properties\": {\n  \"systemDatastoresAuthMode\": \"identity\"\n}",
			},
			Defaults:   []string{"storage_account_access_type: AccessKey", "ARM systemDatastoresAuthMode: accessKey"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-disable-local-auth-storage"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return workspaces(in, func(ws *azure.Workspace) *rule.Result {
				if !ws.StorageAuth.Known() || !strings.EqualFold(ws.StorageAuth.Value, "AccessKey") {
					return nil
				}
				return acheck.Ptr(rule.NewResult(ws.Resource, ws.StorageAuth.Meta, "access-key", "%s: system datastores reach storage with the account key (%s AccessKey%s)",
					ws.Address, acheck.Name(ws.Resource, "storage_account_access_type", "systemDatastoresAuthMode"), rule.DefaultNote(ws.StorageAuth.Explicit)))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-007", Slug: "aml-serverless-public-ip",
			Title:    "Azure Machine Learning serverless compute nodes get public IP addresses",
			Severity: rule.Medium, Category: rule.Network, Resources: acheck.WorkspaceTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "Serverless jobs run on the workspace's training data; nodes with public IPs are reachable from the " +
				"internet and send data out past the virtual network's controls.",
			Remediation: "Set serverless_compute { public_ip_enabled = false } with a subnet_id (serverlessComputeNoPublicIP: true in ARM).",
			Fixes: map[string]string{
				"terraform": "serverless_compute {\n  subnet_id         = azurerm_subnet.training.id\n  public_ip_enabled = false\n}",
				"arm":       "\"serverlessComputeSettings\": {\n  \"serverlessComputeCustomSubnet\": \"[parameters('subnetId')]\",\n  \"serverlessComputeNoPublicIP\": true\n}",
			},
			Defaults:   []string{"serverless_compute.public_ip_enabled: false", "ARM serverlessComputeNoPublicIP: only a written false is judged"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-use-serverless-compute"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return workspaces(in, func(ws *azure.Workspace) *rule.Result {
				return acheck.When(ws.Resource, ws.ServerlessPublicIP, true, "serverless-public-ip", "%s gives serverless compute nodes public IP addresses", ws.Address)
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-008", Slug: "aml-outbound-rule-wildcard",
			Title:    "Azure Machine Learning outbound rule allows every destination",
			Severity: rule.High, Category: rule.Network,
			Resources: []string{"azurerm_machine_learning_workspace_network_outbound_rule_fqdn", "azurerm_machine_learning_workspace_network_outbound_rule_service_tag",
				"Microsoft.MachineLearningServices/workspaces", "Microsoft.MachineLearningServices/workspaces/outboundRules", "azapi_resource"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "An approved-outbound managed network is only as tight as its rules: an FQDN rule for \"*\" or a service " +
				"tag rule for Internet or \"*\" opens egress to everywhere, while the workspace still looks isolated.",
			Remediation: "Name the hosts jobs need (pypi.org, *.anaconda.com, your registries) in FQDN rules, and the Azure services in service tag rules.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_workspace_network_outbound_rule_fqdn\" \"pypi\" {\n  name             = \"pypi\"\n  workspace_id     = azurerm_machine_learning_workspace.ml.id\n  destination_fqdn = \"pypi.org\"\n}",
				"arm":       "\"outboundRules\": {\n  \"pypi\": {\"type\": \"FQDN\", \"destination\": \"pypi.org\", \"category\": \"UserDefined\"}\n}",
			},
			Defaults:   []string{"none: every outbound rule names its destination"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#manage-outbound-rules"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.Azure.OutboundRules {
				d := r.Destination
				if !d.Known() || !r.Type.Known() {
					continue
				}
				wild := d.Value == "*" || strings.EqualFold(r.Type.Value, "ServiceTag") && strings.EqualFold(d.Value, "Internet")
				if wild {
					out = append(out, rule.NewResult(r.Resource, d.Meta, d.Value, "%s allows outbound traffic to %q, every destination", r.Address, d.Value))
				}
			}
			return out
		},
	})
}
