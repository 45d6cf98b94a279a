// Package s3 holds the rules for the S3 buckets that hold ML training data,
// features, captured inference data and model artifacts. Each rule is in a
// file of its own; fixtures are under testdata/<rule ID>/.
package s3

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "s3"
	rule.Register(r)
}

// each runs a bucket check on every bucket of the input.
func each(in *rule.Input, check func(*aws.Bucket) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, b := range in.AWS.Buckets {
		out = append(out, check(b)...)
	}
	return out
}

// usage says which ML resources use a bucket, for messages.
func usage(b *aws.Bucket) string {
	if len(b.UsedBy) == 0 {
		return ""
	}
	return " (used by " + strings.Join(b.UsedBy, ", ") + ")"
}
