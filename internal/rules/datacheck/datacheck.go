// Package datacheck is what the rules on storage of personal data share,
// whatever the cloud: they are registered alike, run only with a data
// classification, and say in every finding what the storage holds and how
// that is known.
package datacheck

import (
	"maps"

	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/rule"
)

// Register registers a rule of a provider's "data" service.
func Register(provider string, r *rule.Rule) {
	r.Provider, r.Service = provider, "data"
	r.CrossObject = true // judged by the classification, which admission does not have
	r.Classified = true
	rule.Register(r)
}

// Default is the line every data rule's defaults start with.
const Default = "checked only for storage that a classification (scan --data-classification, data_classification in " +
	".mlguard.yaml) says holds personal data or secrets; storage whose name is unknown before apply is not matched"

// Note adds to results what the storage they are about holds.
func Note(results []rule.Result, held []dataclass.Entry) []rule.Result {
	for i := range results {
		results[i].Message += "; it holds " + dataclass.Describe(held)
	}
	return results
}

// Fixes borrows the fixes of the general rule that checks the same setting,
// so that both say the same. The general rule's package must be imported by
// the caller, so that it is registered first.
func Fixes(id string) map[string]string {
	r, ok := rule.Get(id)
	if !ok {
		panic("data rules: no rule " + id)
	}
	return maps.Clone(r.Fixes)
}

// One turns an optional result into a list.
func One(r *rule.Result) []rule.Result {
	if r == nil {
		return nil
	}
	return []rule.Result{*r}
}
