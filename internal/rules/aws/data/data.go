// Package data holds the rules for AWS storage that holds personal data, and
// for the jobs that read it: what `mlguard data scan` found in a bucket's
// datasets (scan --data-classification), or what .mlguard.yaml declares
// (data_classification), makes controls that are good practice elsewhere
// required here. A bucket nobody classified is left to the general S3 rules.
package data

import (
	"maps"

	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "data"
	r.CrossObject = true // judged by the classification, which admission does not have
	r.Classified = true
	rule.Register(r)
}

var bucketTypes = []string{"aws_s3_bucket", "AWS::S3::Bucket"}

// classifiedDefault is the line every data rule's defaults start with.
const classifiedDefault = "checked only for buckets that a classification (scan --data-classification, data_classification in " +
	".mlguard.yaml) says hold personal data or secrets; a bucket whose name is unknown before apply is not matched"

// fixesOf borrows the fixes of the general rule that checks the same
// setting, so that both say the same.
func fixesOf(id string) map[string]string {
	r, ok := rule.Get(id)
	if !ok {
		panic("data rules: no rule " + id) // the general S3 rules register first: this package imports them
	}
	return maps.Clone(r.Fixes)
}

// classified runs bucket checks on every bucket that holds personal data,
// and says in each result what it holds and how that is known.
func classified(in *rule.Input, checks ...func(*aws.Bucket) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, b := range in.AWS.Buckets {
		if !b.Name.Known() {
			continue
		}
		held := in.Data.Stored(dataclass.S3, b.Name.Value)
		if len(held) == 0 {
			continue
		}
		for _, check := range checks {
			for _, r := range check(b) {
				r.Message += "; it holds " + dataclass.Describe(held)
				out = append(out, r)
			}
		}
	}
	return out
}
