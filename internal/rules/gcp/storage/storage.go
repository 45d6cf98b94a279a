// Package storage holds the rules on Cloud Storage buckets, where training
// data, features and model artifacts are kept.
package storage

import (
	"github.com/mlguard/mlguard/internal/model/gcp"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func register(r *rule.Rule) {
	r.Provider, r.Service, r.Resources = "gcp", "storage", []string{"google_storage_bucket"}
	rule.Register(r)
}

func each(in *rule.Input, f func(b *gcp.Bucket) *rule.Result) []rule.Result {
	var out []rule.Result
	for _, b := range in.GCP.Buckets {
		if r := f(b); r != nil {
			out = append(out, *r)
		}
	}
	return out
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-STORAGE-001", Slug: "gcs-uniform-access",
			Title:    "Cloud Storage bucket allows per-object ACLs",
			Severity: rule.Medium, Category: rule.DataProtection,
			Frameworks: framework.PublicAccess(),
			Rationale: "Without uniform bucket-level access, every object can carry its own ACL: one object of a dataset or " +
				"one model file can be made public, or shared with an outside account, without any IAM policy showing it.",
			Remediation: "Set uniform_bucket_level_access = true and grant access with IAM only.",
			Fixes:       map[string]string{"terraform": "resource \"google_storage_bucket\" \"models\" {\n  uniform_bucket_level_access = true\n}"},
			Defaults:    []string{"uniform_bucket_level_access: false"},
			References:  []string{"https://cloud.google.com/storage/docs/uniform-bucket-level-access"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(b *gcp.Bucket) *rule.Result {
				if !b.UniformAccess.IsFalse() {
					return nil
				}
				r := rule.NewResult(b.Resource, b.UniformAccess.Meta, "acl", "%s allows per-object ACLs (uniform_bucket_level_access = false%s)",
					b.Address, rule.DefaultNote(b.UniformAccess.Explicit))
				return &r
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-STORAGE-002", Slug: "gcs-public-access-prevention",
			Title:    "Cloud Storage bucket does not enforce public access prevention",
			Severity: rule.Medium, Category: rule.DataProtection,
			Frameworks: framework.PublicAccess(),
			Rationale: "With public access prevention only inherited, a single IAM binding or ACL to allUsers makes the " +
				"training data or models public; enforced, Cloud Storage refuses such grants.",
			Remediation: "Set public_access_prevention = \"enforced\" (or enforce the storage.publicAccessPrevention org policy).",
			Fixes:       map[string]string{"terraform": "resource \"google_storage_bucket\" \"models\" {\n  public_access_prevention = \"enforced\"\n}"},
			Defaults:    []string{"public_access_prevention: \"inherited\" (from the org policy, if any)"},
			References:  []string{"https://cloud.google.com/storage/docs/public-access-prevention"},
		},
		Check: func(in *rule.Input) []rule.Result { return each(in, PublicAccessNotEnforced) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-STORAGE-003", Slug: "gcs-cmek",
			Title:    "Cloud Storage bucket is not encrypted with a customer-managed key",
			Severity: rule.Low, Category: rule.EncryptionAtRest,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Training data and model artifacts under Google-managed keys cannot be cut off by revoking a key, and " +
				"their decryption does not show in your key's audit log.",
			Remediation: "Set encryption.default_kms_key_name to a Cloud KMS key (grant the Cloud Storage service agent encrypter/decrypter on it).",
			Fixes:       map[string]string{"terraform": "encryption {\n  default_kms_key_name = google_kms_crypto_key.data.id\n}"},
			Defaults:    []string{"encryption: not set, so Google-managed keys"},
			References:  []string{"https://cloud.google.com/storage/docs/encryption/customer-managed-keys"},
		},
		Check: func(in *rule.Input) []rule.Result { return each(in, NoCMK) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-STORAGE-004", Slug: "gcs-versioning",
			Title:    "Cloud Storage bucket does not keep object versions",
			Severity: rule.Low, Category: rule.DataProtection,
			Frameworks: framework.Integrity(),
			Rationale: "Without versioning, an overwritten model file or dataset is gone: a tampered or poisoned artifact " +
				"cannot be compared with, or rolled back to, what was there before.",
			Remediation: "Add versioning { enabled = true } (and a lifecycle rule for noncurrent versions).",
			Fixes:       map[string]string{"terraform": "versioning {\n  enabled = true\n}"},
			Defaults:    []string{"versioning.enabled: false"},
			References:  []string{"https://cloud.google.com/storage/docs/object-versioning"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(b *gcp.Bucket) *rule.Result {
				if !b.Versioning.IsFalse() {
					return nil
				}
				r := rule.NewResult(b.Resource, b.Versioning.Meta, "no-versioning", "%s does not keep object versions%s", b.Address, rule.DefaultNote(b.Versioning.Explicit))
				return &r
			})
		},
	})
}

// PublicAccessNotEnforced reports a bucket that does not enforce public access prevention.
func PublicAccessNotEnforced(b *gcp.Bucket) *rule.Result {
	p := b.PublicAccessPrevention
	if !p.Known() || p.Value == "enforced" {
		return nil
	}
	r := rule.NewResult(b.Resource, p.Meta, p.Value, "%s does not enforce public access prevention (%q%s)", b.Address, p.Value, rule.DefaultNote(p.Explicit))
	return &r
}

// NoCMK reports a bucket without a default customer-managed key.
func NoCMK(b *gcp.Bucket) *rule.Result {
	if !b.KMSKey.Absent() {
		return nil
	}
	r := rule.NewResult(b.Resource, b.KMSKey.Meta, "no-cmek", "%s has no default customer-managed key", b.Address)
	return &r
}
