package all_test

import (
	"path/filepath"
	"testing"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rule/ruletest"
	_ "github.com/mlguard/mlguard/internal/rules/all"
)

// fixtureDir is where a rule's fixtures live: next to the rule.
func fixtureDir(r *rule.Rule) string {
	return filepath.Join("..", r.Provider, r.Service, "testdata", r.ID)
}

// TestFixtures runs every rule on its failing and passing fixtures in every
// format, and asserts exactly which resources and lines it flags.
func TestFixtures(t *testing.T) {
	for _, r := range rule.All() {
		ruletest.Fixtures(t, r, fixtureDir(r))
	}
}
