// Package check holds what several AWS rules ask of the model: whether a key
// is customer managed, and the compliance mappings rules share.
package check

import (
	"fmt"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/rule"
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
