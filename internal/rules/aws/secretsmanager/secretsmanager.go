// Package secretsmanager holds the rules for the Secrets Manager secrets ML workloads read. Each rule is in a file of its own; fixtures are under testdata/<rule ID>/.
package secretsmanager

import "github.com/mlguard/mlguard/internal/rule"

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "secretsmanager"
	rule.Register(r)
}
