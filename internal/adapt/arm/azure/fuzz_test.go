package azure_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mlguard/mlguard/internal/adapt/arm/azure"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/rule"
	_ "github.com/mlguard/mlguard/internal/rules/all"
)

// FuzzAdapt: whatever a template holds, adapting it and running every
// Azure rule on it neither panics nor reports on an unknown value's
// resource without a place. Seeded from the Azure rules' ARM fixtures.
func FuzzAdapt(f *testing.F) {
	seeds, _ := filepath.Glob("../../../rules/azure/*/testdata/*/*.arm.json")
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	var rules []*rule.Rule
	for _, r := range rule.All() {
		if r.Provider == "azure" {
			rules = append(rules, r)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tpl, _ := arm.Parse(context.Background(), "fuzz.json", data, arm.Options{})
		m := azure.Adapt(tpl)
		_ = model.Unknowns(m)
		in := (&rule.Input{Azure: m}).Fill()
		for _, r := range rules {
			for _, res := range r.Check(in) {
				if res.Range.StartLine == 0 || res.Resource.Address == "" {
					t.Fatalf("%s: result without a place: %+v", r.ID, res)
				}
			}
		}
	})
}
