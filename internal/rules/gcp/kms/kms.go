// Package kms holds the rules on Cloud KMS keys.
package kms

import (
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

// maxRotation is 90 days, the rotation period CIS and Google's guidance ask for.
const maxRotation = 90 * 24 * 3600

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-KMS-001", Slug: "gcp-kms-rotation",
			Title:    "Cloud KMS key is not rotated at least every 90 days",
			Severity: rule.Low, Category: rule.EncryptionAtRest,
			Provider: "gcp", Service: "kms", Resources: []string{"google_kms_crypto_key"},
			Frameworks: framework.KeyManagement(),
			Rationale: "A key that is never rotated protects years of training data and models with one key version; " +
				"rotation limits what a leaked or misused version exposes.",
			Remediation: "Set rotation_period to \"7776000s\" (90 days) or less.",
			Fixes:       map[string]string{"terraform": "resource \"google_kms_crypto_key\" \"data\" {\n  rotation_period = \"7776000s\"\n}"},
			Defaults:    []string{"rotation_period: not set, so the key is never rotated"},
			References:  []string{"https://cloud.google.com/kms/docs/key-rotation"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, k := range in.GCP.CryptoKeys {
				p := k.RotationPeriod
				if !p.Known() || !k.Purpose.Is("ENCRYPT_DECRYPT") {
					continue // only symmetric keys rotate automatically
				}
				if !p.Explicit || p.Value == "" {
					out = append(out, rule.NewResult(k.Resource, p.Meta, "never", "%s is never rotated (no rotation_period)", k.Address))
					continue
				}
				secs, err := strconv.ParseFloat(strings.TrimSuffix(p.Value, "s"), 64)
				if err == nil && secs > maxRotation {
					out = append(out, rule.NewResult(k.Resource, p.Meta, p.Value, "%s rotates every %.0f days (rotation_period = %q)", k.Address, secs/86400, p.Value))
				}
			}
			return out
		},
	})
}
