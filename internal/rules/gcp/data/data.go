// Package data holds the rules for Cloud Storage buckets that hold personal
// data: what `mlguard data scan` found in a bucket's datasets (scan
// --data-classification), or what .mlguard.yaml declares
// (data_classification), makes a customer-managed key, enforced public access
// prevention and access logs required. Cloud Storage has no setting that
// refuses plain HTTP, so there is no rule for it; Vertex AI jobs are
// defined in code, not in Terraform, so the jobs that read a bucket are not
// judged.
package data

import (
	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/model/gcp"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/datacheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/gcp/storage"
)

func register(r *rule.Rule) {
	r.Resources = append([]string{"google_storage_bucket"}, r.Resources...)
	datacheck.Register("gcp", r)
}

// classified runs a check on every bucket that holds personal data.
func classified(in *rule.Input, check func(m *gcp.Model, b *gcp.Bucket) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, b := range in.GCP.Buckets {
		if held := in.Data.Stored(dataclass.GCS, b.Name.Value, b.Name.Known(), b.Address); len(held) > 0 {
			out = append(out, datacheck.Note(check(in.GCP, b), held)...)
		}
	}
	return out
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-DATA-001", Slug: "personal-data-gcs-cmek",
			Title:    "Cloud Storage bucket holding personal data is not encrypted with a customer-managed key",
			Severity: rule.High, Category: rule.EncryptionAtRest,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Under Google-managed keys, whoever may read the bucket reads the personal data, and no key of yours can " +
				"cut off every copy at once or record each decryption in your key's audit log.",
			Remediation: "Set encryption.default_kms_key_name to a Cloud KMS key (grant the Cloud Storage service agent encrypter/decrypter on it).",
			Fixes:       datacheck.Fixes("GCP-STORAGE-003"),
			Defaults:    []string{datacheck.Default, "encryption: not set, so Google-managed keys"},
			References:  []string{"https://cloud.google.com/storage/docs/encryption/customer-managed-keys"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return classified(in, func(_ *gcp.Model, b *gcp.Bucket) []rule.Result { return datacheck.One(storage.NoCMK(b)) })
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-DATA-002", Slug: "personal-data-gcs-public",
			Title:    "Cloud Storage bucket holding personal data is public or can be made public",
			Severity: rule.Critical, Category: rule.DataProtection,
			Resources:  []string{"google_storage_bucket_iam_member", "google_storage_bucket_iam_binding", "google_storage_bucket_iam_policy"},
			Frameworks: framework.PublicAccess(),
			Rationale: "A grant to allUsers or allAuthenticatedUsers publishes the personal data; without enforced public access " +
				"prevention one such grant, or one object ACL, is all it takes.",
			Remediation: "Set public_access_prevention = \"enforced\" on the bucket and grant its roles to named principals only.",
			Fixes:       datacheck.Fixes("GCP-STORAGE-002"),
			Defaults: []string{datacheck.Default,
				"public_access_prevention: \"inherited\" (from the org policy, if any; a bucket of personal data must enforce it itself)"},
			References: []string{"https://cloud.google.com/storage/docs/public-access-prevention"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return classified(in, func(m *gcp.Model, b *gcp.Bucket) []rule.Result {
				return append(datacheck.One(storage.PublicAccessNotEnforced(b)), publicGrants(m, b)...)
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-DATA-003", Slug: "personal-data-gcs-access-logs",
			Title:    "Cloud Storage bucket holding personal data has no access logs",
			Severity: rule.High, Category: rule.Logging,
			Resources:  []string{"google_project_iam_audit_config", "google_folder_iam_audit_config", "google_organization_iam_audit_config"},
			Frameworks: framework.Frameworks([]string{"AU-2", "AU-12"}, []string{"DE.CM-09"}, []string{"A.8.15"}, []string{"CC7.2"}, nil),
			Rationale: "Cloud Storage does not log object reads unless Data Access audit logs (DATA_READ) are on for " +
				"storage.googleapis.com, or the bucket writes usage logs. Without either, a leak of personal data can be neither " +
				"scoped nor ruled out.",
			Remediation: "Turn on DATA_READ audit logs for storage.googleapis.com (google_project_iam_audit_config), or give the " +
				"bucket a logging block with a log_bucket.",
			Fixes: map[string]string{"terraform": `resource "google_project_iam_audit_config" "storage" {
  project = var.project
  service = "storage.googleapis.com"
  audit_log_config {
    log_type = "DATA_READ"
  }
}`},
			Defaults: []string{datacheck.Default,
				"Data Access audit logs: off for Cloud Storage unless an audit config of the scan turns DATA_READ on (for the service or allServices)",
				"logging: no block, so no usage logs"},
			References: []string{"https://cloud.google.com/storage/docs/audit-logging", "https://cloud.google.com/storage/docs/access-logs"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return classified(in, func(m *gcp.Model, b *gcp.Bucket) []rule.Result {
				if !b.Logging.IsFalse() {
					return nil
				}
				for _, c := range m.AuditConfigs {
					if !c.Known || c.Covers("storage.googleapis.com", "DATA_READ") {
						return nil // logged, or perhaps: an audit config known only after apply
					}
				}
				return []rule.Result{rule.OnResource(b.Resource, "no-logs",
					"%s has neither usage logs nor DATA_READ audit logs for Cloud Storage in the scan", b.Address)}
			})
		},
	})
}

// publicGrants returns the grants on a bucket to allUsers or
// allAuthenticatedUsers.
func publicGrants(m *gcp.Model, b *gcp.Bucket) []rule.Result {
	var out []rule.Result
	for _, g := range m.Grants {
		if g.Scope != "bucket" || !(g.Target.LinksTo(b.Address) || g.Target.Known() && g.Target.Value == b.Name.Value) {
			continue
		}
		for _, mem := range g.Members {
			if mem.Known() && (mem.Value == "allUsers" || mem.Value == "allAuthenticatedUsers") {
				out = append(out, rule.NewResult(g.Resource, mem.Meta, mem.Value, "%s gives %s to %s on %s", g.Address, g.Role.Value, mem.Value, b.Address))
			}
		}
	}
	return out
}
