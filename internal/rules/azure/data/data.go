// Package data holds the rules for Azure storage accounts that hold personal
// data: what `mlguard data scan` found in an account's datasets (scan
// --data-classification with https://ACCOUNT.blob.core.windows.net/ or
// abfss:// locations), or what .mlguard.yaml declares (data_classification),
// makes a customer-managed key, no public access, blob read logs and TLS 1.2
// required. Azure Machine Learning jobs are submitted from code, not
// declared in templates, so the jobs that read an account are not judged.
package data

import (
	"slices"

	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/azure/storage"
	"github.com/mlguard/mlguard/internal/rules/datacheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func register(r *rule.Rule) {
	r.Resources = slices.Concat(acheck.StorageTypes, r.Resources)
	datacheck.Register("azure", r)
}

// classified runs checks on every storage account that holds personal data.
func classified(in *rule.Input, checks ...func(m *azure.Model, a *azure.StorageAccount) *rule.Result) []rule.Result {
	var out []rule.Result
	for _, a := range in.Azure.StorageAccounts {
		held := in.Data.Stored(dataclass.Azure, a.Name.Value, a.Name.Known(), a.Address)
		if len(held) == 0 {
			continue
		}
		for _, check := range checks {
			out = append(out, datacheck.Note(datacheck.One(check(in.Azure, a)), held)...)
		}
	}
	return out
}

// account adapts a check of the general rules.
func account(f func(a *azure.StorageAccount) *rule.Result) func(*azure.Model, *azure.StorageAccount) *rule.Result {
	return func(_ *azure.Model, a *azure.StorageAccount) *rule.Result { return f(a) }
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-DATA-001", Slug: "personal-data-storage-cmk",
			Title:    "Storage account holding personal data is not encrypted with a customer-managed key",
			Severity: rule.High, Category: rule.EncryptionAtRest,
			Resources:  []string{"azurerm_storage_account_customer_managed_key"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Under Microsoft-managed keys, whoever may read the account reads the personal data; a key of your own " +
				"in Key Vault adds a permission of its own, logs every use, and can cut off every copy at once.",
			Remediation: "Give the account a customer_managed_key (or an azurerm_storage_account_customer_managed_key) naming a " +
				"Key Vault key, with a user-assigned identity that may use it.",
			Fixes: map[string]string{"terraform": `resource "azurerm_storage_account_customer_managed_key" "data" {
  storage_account_id = azurerm_storage_account.data.id
  key_vault_id       = azurerm_key_vault.ml.id
  key_name           = azurerm_key_vault_key.data.name
}`, "arm": `"encryption": {
  "keySource": "Microsoft.Keyvault",
  "keyvaultproperties": {"keyname": "data", "keyvaulturi": "https://ml-kv.vault.azure.net"}
}`},
			Defaults:   []string{datacheck.Default, "customer_managed_key / encryption.keySource: absent, so Microsoft.Storage (Microsoft-managed keys)"},
			References: []string{"https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return classified(in, func(_ *azure.Model, a *azure.StorageAccount) *rule.Result {
				if !a.CMK.Absent() {
					return nil
				}
				return acheck.Ptr(rule.NewResult(a.Resource, a.CMK.Meta, "microsoft-managed", "%s encrypts with Microsoft-managed keys", a.Address))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-DATA-002", Slug: "personal-data-storage-public",
			Title:    "Storage account holding personal data lets blobs be public or answers every network",
			Severity: rule.Critical, Category: rule.DataProtection,
			Frameworks: framework.PublicAccess(),
			Rationale: "An account that lets containers be made public is one setting away from publishing the personal data; " +
				"one that answers every network leaves its keys and tokens as the only barrier.",
			Remediation: "Set allow_nested_items_to_be_public (allowBlobPublicAccess) to false, and turn public network access " +
				"off or set the network default action to Deny with private endpoints.",
			Fixes:      datacheck.Fixes("AZURE-STORAGE-005"),
			Defaults:   []string{datacheck.Default, "allow_nested_items_to_be_public: true (azurerm 3.x and later); allowBlobPublicAccess: false (API 2023-05-01)", "public network access enabled; no network rules: default action Allow"},
			References: []string{"https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent", "https://learn.microsoft.com/azure/storage/common/storage-network-security"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return classified(in, account(storage.PublicBlobs), account(storage.OpenNetworks))
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-DATA-003", Slug: "personal-data-storage-read-logs",
			Title:    "Storage account holding personal data does not log blob reads",
			Severity: rule.High, Category: rule.Logging,
			Resources:  []string{"azurerm_monitor_diagnostic_setting", "Microsoft.Insights/diagnosticSettings"},
			Frameworks: framework.Frameworks([]string{"AU-2", "AU-12"}, []string{"DE.CM-09"}, []string{"A.8.15"}, []string{"CC7.2"}, nil),
			Rationale: "Blob reads are logged only when a diagnostic setting on the account's blob service sends its StorageRead " +
				"logs somewhere. Without them, who read the personal data cannot be answered after a leak.",
			Remediation: "Add a diagnostic setting on the blob service (ACCOUNT_ID/blobServices/default) with the StorageRead " +
				"category (or the allLogs or audit group) sent to a Log Analytics workspace or an archive account.",
			Fixes: map[string]string{"terraform": `resource "azurerm_monitor_diagnostic_setting" "blob_reads" {
  name                       = "blob-reads"
  target_resource_id         = "${azurerm_storage_account.data.id}/blobServices/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id
  enabled_log {
    category = "StorageRead"
  }
}`, "arm": `{
  "type": "Microsoft.Insights/diagnosticSettings",
  "apiVersion": "2021-05-01-preview",
  "name": "blob-reads",
  "scope": "[format('Microsoft.Storage/storageAccounts/{0}/blobServices/default', parameters('accountName'))]",
  "properties": {
    "workspaceId": "[parameters('workspaceId')]",
    "logs": [{"category": "StorageRead", "enabled": true}]
  }
}`},
			Defaults: []string{datacheck.Default, "no diagnostic setting on the blob service: blob reads are not logged",
				"settings on the account itself log metrics only; StorageRead, allLogs and audit are taken to cover reads"},
			References: []string{"https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage",
				"https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-storage-storageaccounts-blobservices-logs"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return classified(in, func(m *azure.Model, a *azure.StorageAccount) *rule.Result {
				if logged, known := m.LogsBlobReads(a); logged || !known {
					return nil
				}
				return acheck.Ptr(rule.OnResource(a.Resource, "no-read-logs", "%s: no diagnostic setting of the scan sends its blob service's StorageRead logs anywhere", a.Address))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-DATA-004", Slug: "personal-data-storage-tls",
			Title:    "Storage account holding personal data accepts plain HTTP or TLS below 1.2",
			Severity: rule.High, Category: rule.EncryptionInTransit,
			Frameworks: framework.Transit(),
			Rationale:  "Personal data fetched over HTTP, or over TLS 1.0 and 1.1, can be read or altered on the way.",
			Remediation: "Keep https_traffic_only_enabled (supportsHttpsTrafficOnly) true and set min_tls_version " +
				"(minimumTlsVersion) to TLS1_2.",
			Fixes:      datacheck.Fixes("AZURE-STORAGE-002"),
			Defaults:   []string{datacheck.Default, "https_traffic_only_enabled: true", "min_tls_version: TLS1_2 (azurerm 3.x and later; only written values are judged)"},
			References: []string{"https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return classified(in, account(storage.PlainHTTP), account(storage.OldTLS))
		},
	})
}
