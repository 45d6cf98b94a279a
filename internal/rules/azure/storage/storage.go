// Package storage holds the rules on Azure storage accounts, where training
// data, features and model artifacts of Azure Machine Learning are kept.
package storage

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func register(r *rule.Rule) {
	r.Provider, r.Service, r.Resources = "azure", "storage", acheck.StorageTypes
	rule.Register(r)
}

const docs = "https://learn.microsoft.com/azure/storage/common/"

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-STORAGE-001", Slug: "storage-blob-public-access",
			Title:    "Storage account lets containers and blobs be made public",
			Severity: rule.High, Category: rule.DataProtection,
			Frameworks: framework.PublicAccess(),
			Rationale: "While anonymous access is allowed on the account, one container set to public access exposes a " +
				"dataset or a model to the internet with no credential and no log of who read it.",
			Remediation: "Set allow_nested_items_to_be_public = false (allowBlobPublicAccess: false in ARM).",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_storage_account\" \"ml\" {\n  allow_nested_items_to_be_public = false\n}",
				"arm":       "\"properties\": {\n  \"allowBlobPublicAccess\": false\n}",
			},
			Defaults: []string{"allow_nested_items_to_be_public: true (azurerm 3.0 and later; a root module pinned below 3.0 reads allow_blob_public_access, default false)",
				"ARM allowBlobPublicAccess: its default changed with API versions, so only a written true is judged"},
			References: []string{"https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent"},
		},
		Check: func(in *rule.Input) []rule.Result { return acheck.Each(in.Azure.StorageAccounts, PublicBlobs) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-STORAGE-002", Slug: "storage-min-tls",
			Title:    "Storage account accepts TLS versions below 1.2",
			Severity: rule.Medium, Category: rule.EncryptionInTransit,
			Frameworks: framework.Transit(),
			Rationale: "TLS 1.0 and 1.1 have known weaknesses; a client downgraded to them exposes the data it moves and the " +
				"account key or SAS token it sends.",
			Remediation: "Set min_tls_version = \"TLS1_2\" (minimumTlsVersion: TLS1_2 in ARM).",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_storage_account\" \"ml\" {\n  min_tls_version = \"TLS1_2\"\n}",
				"arm":       "\"properties\": {\n  \"minimumTlsVersion\": \"TLS1_2\"\n}",
			},
			Defaults:   []string{"min_tls_version: TLS1_2", "ARM minimumTlsVersion: its default changed with API versions, so only written values are judged"},
			References: []string{docs + "transport-layer-security-configure-minimum-version"},
		},
		Check: func(in *rule.Input) []rule.Result { return acheck.Each(in.Azure.StorageAccounts, OldTLS) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-STORAGE-003", Slug: "storage-http-allowed",
			Title:    "Storage account accepts plain HTTP",
			Severity: rule.High, Category: rule.EncryptionInTransit,
			Frameworks:  framework.Transit(),
			Rationale:   "Over HTTP, data read and written and the SAS tokens in request URLs cross the network in clear.",
			Remediation: "Set https_traffic_only_enabled = true (supportsHttpsTrafficOnly: true in ARM), or leave it at its default.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_storage_account\" \"ml\" {\n  https_traffic_only_enabled = true\n}",
				"arm":       "\"properties\": {\n  \"supportsHttpsTrafficOnly\": true\n}",
			},
			Defaults:   []string{"https_traffic_only_enabled: true", "ARM supportsHttpsTrafficOnly: true (since API version 2019-04-01)"},
			References: []string{docs + "storage-require-secure-transfer"},
		},
		Check: func(in *rule.Input) []rule.Result { return acheck.Each(in.Azure.StorageAccounts, PlainHTTP) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-STORAGE-004", Slug: "storage-shared-key",
			Title:    "Storage account accepts shared key authorization",
			Severity: rule.Medium, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "The account keys grant full control of all data in the account, and every SAS signed with them; " +
				"their use names no one. With shared key off, only Entra ID identities under RBAC get in.",
			Remediation: "Set shared_access_key_enabled = false (allowSharedKeyAccess: false in ARM); point Azure ML workspaces " +
				"and datastores at it with identities (AZURE-ML-006, AZURE-ML-015).",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_storage_account\" \"ml\" {\n  shared_access_key_enabled       = false\n  default_to_oauth_authentication = true\n}",
				"arm":       "\"properties\": {\n  \"allowSharedKeyAccess\": false\n}",
			},
			Defaults:   []string{"shared_access_key_enabled: true", "ARM allowSharedKeyAccess: null, which is true"},
			References: []string{docs + "shared-key-authorization-prevent"},
		},
		Check: func(in *rule.Input) []rule.Result { return acheck.Each(in.Azure.StorageAccounts, SharedKey) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-STORAGE-005", Slug: "storage-public-network",
			Title:    "Storage account is reachable from every network",
			Severity: rule.Medium, Category: rule.Network,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "With public network access on and network rules that default to Allow, the account's endpoints " +
				"answer from the whole internet: any leaked key, SAS or token reads the training data from anywhere.",
			Remediation: "Set public_network_access_enabled = false with private endpoints, or network_rules with default_action = \"Deny\" " +
				"(networkAcls.defaultAction: Deny in ARM) and the networks allowed.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_storage_account\" \"ml\" {\n  network_rules {\n    default_action = \"Deny\"\n    bypass         = [\"AzureServices\"]\n  }\n}",
				"arm":       "\"properties\": {\n  \"networkAcls\": {\"defaultAction\": \"Deny\", \"bypass\": \"AzureServices\"}\n}",
			},
			Defaults:   []string{"public_network_access_enabled: true", "network_rules: absent, so Allow", "ARM networkAcls.defaultAction: Allow"},
			References: []string{docs + "storage-network-security"},
		},
		Check: func(in *rule.Input) []rule.Result { return acheck.Each(in.Azure.StorageAccounts, OpenNetworks) },
	})
}

// PublicBlobs reports an account that lets containers and blobs be made public.
func PublicBlobs(a *azure.StorageAccount) *rule.Result {
	return acheck.When(a.Resource, a.NestedPublic, true, "public-blobs", "%s allows anonymous public access to containers and blobs (%s true%s)",
		a.Address, acheck.Name(a.Resource, "allow_nested_items_to_be_public", "allowBlobPublicAccess"), rule.DefaultNote(a.NestedPublic.Explicit))
}

// OldTLS reports an account that accepts TLS versions below 1.2.
func OldTLS(a *azure.StorageAccount) *rule.Result {
	v := a.MinTLS
	if !v.Known() || !v.Explicit || !(strings.EqualFold(v.Value, "TLS1_0") || strings.EqualFold(v.Value, "TLS1_1")) {
		return nil
	}
	return acheck.Ptr(rule.NewResult(a.Resource, v.Meta, v.Value, "%s accepts %s", a.Address, v.Value))
}

// PlainHTTP reports an account that accepts plain HTTP.
func PlainHTTP(a *azure.StorageAccount) *rule.Result {
	return acheck.When(a.Resource, a.HTTPSOnly, false, "http", "%s accepts requests over plain HTTP", a.Address)
}

// SharedKey reports an account that accepts shared key authorization.
func SharedKey(a *azure.StorageAccount) *rule.Result {
	return acheck.When(a.Resource, a.SharedKey, true, "shared-key", "%s accepts its account keys (shared key access on%s)",
		a.Address, rule.DefaultNote(a.SharedKey.Explicit))
}

// OpenNetworks reports an account reachable from every network.
func OpenNetworks(a *azure.StorageAccount) *rule.Result {
	open, at := acheck.OpenToNetworks(a.PublicNetworkAccess, a.NetworkDefaultAction)
	if !open {
		return nil
	}
	return acheck.Ptr(rule.NewResult(a.Resource, at, "public", "%s answers every network (network default action %s%s)",
		a.Address, a.NetworkDefaultAction.Value, rule.DefaultNote(a.NetworkDefaultAction.Explicit)))
}
