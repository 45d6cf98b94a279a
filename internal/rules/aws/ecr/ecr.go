// Package ecr holds the rules for the ECR repositories that hold training and serving images. Each rule is in a file of its own; fixtures are under testdata/<rule ID>/.
package ecr

import "github.com/mlguard/mlguard/internal/rule"

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "ecr"
	rule.Register(r)
}
