// Package check holds what several AWS rules ask of the model: whether a key
// is customer managed, and the compliance mappings rules share.
package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/secrets"
)

// NotCustomerKey reports whether a KMS key reference is known not to be a
// customer managed key: it is absent (the service then uses an AWS managed
// key), or it names an AWS managed alias (alias/aws/...). The reason says which.
func NotCustomerKey(r model.Ref) (string, bool) {
	if r.Absent() {
		return "no KMS key is set, so an AWS managed key is used", true
	}
	if r.Known() && len(r.Targets) == 0 && IsAWSManagedAlias(r.Value) {
		return fmt.Sprintf("%s is an AWS managed key, not a customer managed one", r.Value), true
	}
	return "", false
}

// At is where to report on a value: the value itself when it was written,
// else the block that should hold it.
func At(v, block model.Meta) model.Meta {
	if v.Explicit {
		return v
	}
	return block
}

// IsAWSManagedAlias reports whether a key identifier is an AWS managed key
// alias, by name or by alias ARN.
func IsAWSManagedAlias(id string) bool {
	return strings.HasPrefix(id, "alias/aws/") || strings.Contains(id, ":alias/aws/")
}

// Frameworks builds a framework map from NIST 800-53, CSF, ISO 27001, SOC 2
// and (optional) AWS FSBP control lists.
func Frameworks(nist, csf, iso, soc2, fsbp []string) map[string][]string {
	m := map[string][]string{rule.NIST80053: nist, rule.NISTCSF: csf, rule.ISO27001: iso, rule.SOC2: soc2}
	if len(fsbp) > 0 {
		m[rule.AWSFSBP] = fsbp
	}
	return m
}

// Common mappings, so that rules of one kind map alike.
var (
	// EncryptionAtRest maps customer managed key rules.
	EncryptionAtRest = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SC-28", "SC-28(1)", "SC-12"}, []string{"PR.DS-01"}, []string{"A.8.24"}, []string{"CC6.1", "CC6.7"}, fsbp)
	}
	// NetworkBoundary maps rules about exposure to networks.
	NetworkBoundary = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SC-7", "AC-4"}, []string{"PR.IR-01"}, []string{"A.8.20", "A.8.22"}, []string{"CC6.6"}, fsbp)
	}
	// Secrets maps rules about credentials written into code.
	Secrets = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"IA-5(7)", "SC-28"}, []string{"PR.AA-01", "PR.DS-01"}, []string{"A.5.17", "A.8.4"}, []string{"CC6.1"}, fsbp)
	}
	// Transit maps rules about encryption in transit.
	Transit = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SC-8", "SC-8(1)"}, []string{"PR.DS-02"}, []string{"A.8.24"}, []string{"CC6.7"}, fsbp)
	}
	// PublicAccess maps rules about resources open to anyone.
	PublicAccess = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"AC-3", "AC-21", "SC-7"}, []string{"PR.AA-05", "PR.DS-01"}, []string{"A.5.15", "A.8.3"}, []string{"CC6.1", "CC6.6"}, fsbp)
	}
	// Integrity maps rules about tampering with models, images and data.
	Integrity = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SI-7", "CP-9", "SR-11"}, []string{"PR.DS-01", "PR.DS-11"}, []string{"A.8.13", "A.8.32"}, []string{"CC7.1", "A1.2"}, fsbp)
	}
	// Vulnerabilities maps rules about scanning images for flaws.
	Vulnerabilities = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"RA-5", "SI-2"}, []string{"ID.RA-01"}, []string{"A.8.8"}, []string{"CC7.1"}, fsbp)
	}
	// KeyManagement maps rules about keys themselves.
	KeyManagement = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SC-12", "SC-12(1)"}, []string{"PR.DS-01"}, []string{"A.8.24"}, []string{"CC6.1"}, fsbp)
	}
	// Retention maps rules about how long data is kept.
	Retention = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SI-12", "AU-11"}, []string{"PR.DS-01"}, []string{"A.5.33", "A.8.10"}, []string{"C1.2"}, fsbp)
	}
	// ModelSafety maps rules about guarding what generative models take in and give out.
	ModelSafety = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SI-10", "SI-15", "SC-7"}, []string{"PR.PS-06", "DE.CM-09"}, []string{"A.8.26", "A.8.28"}, []string{"CC6.8", "PI1.2"}, fsbp)
	}
	// LeastPrivilege maps rules about over-broad permissions.
	LeastPrivilege = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"AC-6", "AC-6(10)", "AC-3"}, []string{"PR.AA-05"}, []string{"A.8.2", "A.5.15"}, []string{"CC6.1", "CC6.3"}, fsbp)
	}
)

// DefaultNote marks a value in a message as the provider default.
func DefaultNote(explicit bool) string {
	if explicit {
		return ""
	}
	return ", the default"
}

// EnvSecret is a secret found in an environment map.
type EnvSecret struct {
	Key   string
	Match secrets.Match
	At    model.Meta
}

// EnvSecrets returns the secrets in an environment map, in key order.
// Unknown values are never read.
func EnvSecrets(env model.StringMap) []EnvSecret {
	keys := make([]string, 0, len(env.Values))
	for k := range env.Values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []EnvSecret
	for _, k := range keys {
		v := env.Values[k]
		if !v.Known() {
			continue
		}
		if m, ok := secrets.Value(k, v.Value); ok {
			out = append(out, EnvSecret{Key: k, Match: m, At: v.Meta})
		}
	}
	return out
}

// SecretResults reports each secret of an environment map on resource res.
// whose names the environment in the message ("" or `container "model" `)
// and prefixes the fingerprint value, so equal keys in two containers differ.
func SecretResults(res model.Resource, env model.StringMap, whose, prefix string) []rule.Result {
	var out []rule.Result
	for _, e := range EnvSecrets(env) {
		out = append(out, rule.NewResult(res, e.At, prefix+e.Key+"="+e.Match.Redacted,
			"%s: %senvironment variable %s holds %s (%s)", res.Address, whose, e.Key, secrets.Article(e.Match.Kind), e.Match.Redacted))
	}
	return out
}

// KeyResult reports on a KMS key reference that is known not to be a
// customer managed key: at the key when written, else at block (the place it
// belongs). what prefixes the reason ("reports: "), naming the data the key
// protects when a resource has several.
func KeyResult(res model.Resource, key model.Ref, block model.Meta, what string) []rule.Result {
	why, bad := NotCustomerKey(key)
	if !bad {
		return nil
	}
	return []rule.Result{rule.NewResult(res, At(key.Meta, block), key.Value, "%s: %s%s", res.Address, what, why)}
}
