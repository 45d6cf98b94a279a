// Package logs holds the rules for the CloudWatch log groups of SageMaker and Bedrock. Each rule is in a file of its own; fixtures are under testdata/<rule ID>/.
package logs

import "github.com/mlguard/mlguard/internal/rule"

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "logs"
	rule.Register(r)
}
