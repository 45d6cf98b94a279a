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
