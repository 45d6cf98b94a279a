package rule

import (
	"sort"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/secrets"
)

// DefaultNote marks a value in a message as the provider's (or the API's)
// default.
func DefaultNote(explicit bool) string {
	if explicit {
		return ""
	}
	return ", the default"
}

// envSecret is a secret found in an environment map.
type envSecret struct {
	Key   string
	Match secrets.Match
	At    model.Meta
}

// envSecrets returns the secrets in an environment map, in key order.
// Unknown values are never read.
func envSecrets(env model.StringMap) []envSecret {
	keys := make([]string, 0, len(env.Values))
	for k := range env.Values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []envSecret
	for _, k := range keys {
		v := env.Values[k]
		if !v.Known() {
			continue
		}
		if m, ok := secrets.Value(k, v.Value); ok {
			out = append(out, envSecret{Key: k, Match: m, At: v.Meta})
		}
	}
	return out
}

// SecretResults reports each secret of an environment map on resource res.
// whose names the environment in the message ("" or `container "model" `)
// and prefixes the fingerprint value, so equal keys in two containers differ.
func SecretResults(res model.Resource, env model.StringMap, whose, prefix string) []Result {
	var out []Result
	for _, e := range envSecrets(env) {
		out = append(out, NewResult(res, e.At, prefix+e.Key+"="+e.Match.Redacted,
			"%s: %senvironment variable %s holds %s (%s)", res.Address, whose, e.Key, secrets.Article(e.Match.Kind), e.Match.Redacted))
	}
	return out
}
