// Package bedrock holds the rules for Amazon Bedrock agents, guardrails and
// model customization. Each rule is in a file of its own; fixtures are under
// testdata/<rule ID>/.
package bedrock

import "github.com/mlguard/mlguard/internal/rule"

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "bedrock"
	rule.Register(r)
}
