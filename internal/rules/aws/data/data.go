// Package data holds the rules for AWS storage that holds personal data, and
// for the jobs that read it: what `mlguard data scan` found in a bucket's
// datasets (scan --data-classification), or what .mlguard.yaml declares
// (data_classification), makes controls that are good practice elsewhere
// required here. A bucket nobody classified is left to the general S3 rules.
package data

import (
	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/datacheck"
)

func register(r *rule.Rule) { datacheck.Register("aws", r) }

var bucketTypes = []string{"aws_s3_bucket", "AWS::S3::Bucket"}

// classified runs bucket checks on every bucket that holds personal data,
// and says in each result what it holds and how that is known.
func classified(in *rule.Input, checks ...func(*aws.Bucket) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, b := range in.AWS.Buckets {
		held := in.Data.Stored(dataclass.S3, b.Name.Value, b.Name.Known(), b.Address)
		if len(held) == 0 {
			continue
		}
		for _, check := range checks {
			out = append(out, datacheck.Note(check(b), held)...)
		}
	}
	return out
}
