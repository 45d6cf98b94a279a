// Package iam holds the rules for the IAM roles that ML workloads run as.
// A role is an ML execution role when an ML service (SageMaker, Bedrock) may
// assume it, or when an ML resource of the scan runs as it.
package iam

import "github.com/mlguard/mlguard/internal/rule"

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "iam"
	rule.Register(r)
}
