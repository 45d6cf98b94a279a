// Package sagemaker holds the rules for Amazon SageMaker resources. Each rule
// is in a file of its own and registers itself in init; fixtures are under
// testdata/<rule ID>/.
package sagemaker

import "github.com/mlguard/mlguard/internal/rule"

const provider, service = "aws", "sagemaker"

func register(r *rule.Rule) {
	r.Provider, r.Service = provider, service
	rule.Register(r)
}
