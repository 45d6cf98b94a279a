// Package kms holds the rules for the KMS keys that protect ML data. Each rule is in a file of its own; fixtures are under testdata/<rule ID>/.
package kms

import "github.com/mlguard/mlguard/internal/rule"

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "kms"
	rule.Register(r)
}
