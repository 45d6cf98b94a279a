package policy

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/mlguard/mlguard/internal/secrets"
)

// Policies and --dump-input see the scanned values, and some of those are
// credentials written into the code (a password, an access key in an
// environment map). They are replaced by a marker that keeps what a
// policy may need: that a secret is there, and which (a hash, to compare
// with another value's), never the secret itself.

// RedactedPrefix starts every redacted value: "redacted:sha256:" and the
// first 16 hex digits of the SHA-256 of the value.
const RedactedPrefix = "redacted:sha256:"

// redact replaces the secrets of a decoded JSON document in place. name is
// the key the value sits under: for an attribute ({"value": ..., "range":
// ...}) the attribute's name, for a map entry its key.
func redact(v any, name string) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			child := k
			if k == "value" {
				child = name // the attribute's own name tells what it holds
			}
			t[k] = redact(x, child)
		}
	case []any:
		for i := range t {
			t[i] = redact(t[i], name)
		}
	case string:
		if _, ok := secrets.Value(name, t); ok {
			return marker(t)
		}
	}
	return v
}

func marker(s string) string {
	sum := sha256.Sum256([]byte(s))
	return RedactedPrefix + hex.EncodeToString(sum[:8])
}
