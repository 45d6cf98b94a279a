// Package keyvault holds the rules on the key vaults that keep the
// customer-managed keys and secrets of Azure ML workspaces and AI services.
package keyvault

import (
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func register(r *rule.Rule) {
	r.Provider, r.Service, r.Resources = "azure", "keyvault", acheck.VaultTypes
	rule.Register(r)
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-KEYVAULT-001", Slug: "key-vault-purge-protection",
			Title:    "Key vault can be purged before its retention ends",
			Severity: rule.Medium, Category: rule.DataProtection,
			Frameworks: framework.KeyManagement(),
			Rationale: "Without purge protection, whoever can delete the vault or a key can also purge it at once: the " +
				"customer-managed key of a workspace or an OpenAI account is gone, and with it every model, dataset and " +
				"run history it encrypts. Azure ML and AI services require purge protection for their keys.",
			Remediation: "Set purge_protection_enabled = true (enablePurgeProtection: true in ARM); it cannot be turned off again.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_key_vault\" \"ml\" {\n  purge_protection_enabled   = true\n  soft_delete_retention_days = 90\n}",
				"arm":       "\"properties\": {\n  \"enableSoftDelete\": true,\n  \"enablePurgeProtection\": true\n}",
			},
			Defaults:   []string{"purge_protection_enabled: false", "ARM enablePurgeProtection: absent, so off"},
			References: []string{"https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.KeyVaults, func(v *azure.KeyVault) *rule.Result {
				return acheck.When(v.Resource, v.PurgeProtection, false, "purge", "%s can be purged at once (purge protection off%s)",
					v.Address, rule.DefaultNote(v.PurgeProtection.Explicit))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-KEYVAULT-002", Slug: "key-vault-public-network",
			Title:    "Key vault is reachable from every network",
			Severity: rule.Medium, Category: rule.Network,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A vault open to every network serves its keys and secrets (workspace connection strings, storage " +
				"keys, registry passwords) to any stolen token from anywhere.",
			Remediation: "Set public_network_access_enabled = false with a private endpoint, or network_acls with default_action = \"Deny\" " +
				"(networkAcls.defaultAction: Deny in ARM) and bypass = \"AzureServices\".",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_key_vault\" \"ml\" {\n  network_acls {\n    default_action = \"Deny\"\n    bypass         = \"AzureServices\"\n  }\n}",
				"arm":       "\"properties\": {\n  \"networkAcls\": {\"defaultAction\": \"Deny\", \"bypass\": \"AzureServices\"}\n}",
			},
			Defaults:   []string{"public_network_access_enabled: true", "network_acls: absent, so Allow", "ARM networkAcls.defaultAction: Allow"},
			References: []string{"https://learn.microsoft.com/azure/key-vault/general/network-security"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.KeyVaults, func(v *azure.KeyVault) *rule.Result {
				open, at := acheck.OpenToNetworks(v.PublicNetworkAccess, v.NetworkDefaultAction)
				if !open {
					return nil
				}
				return acheck.Ptr(rule.NewResult(v.Resource, at, "public", "%s answers every network (network default action %s%s)",
					v.Address, v.NetworkDefaultAction.Value, rule.DefaultNote(v.NetworkDefaultAction.Explicit)))
			})
		},
	})
}
