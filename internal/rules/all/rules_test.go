package all_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mlguard/mlguard/internal/rule"
	_ "github.com/mlguard/mlguard/internal/rules/all"
	"github.com/mlguard/mlguard/internal/scan"
)

// fixtureDir is where a rule's fixtures live: next to the rule.
func fixtureDir(r *rule.Rule) string {
	return filepath.Join("..", r.Provider, r.Service, "testdata", r.ID)
}

// flagged scans one fixture (a directory of .tf files or a plan JSON file)
// and returns "address:line" for each finding of the rule.
func flagged(t *testing.T, r *rule.Rule, fixture string) []string {
	t.Helper()
	dir, root := filepath.Dir(fixture), filepath.Base(fixture)
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(dir), Root: root}},
		scan.Options{Rules: []*rule.Rule{r}, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("scan %s: %v", fixture, err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("scan %s: input errors: %v", fixture, res.Errors)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d", f.Resource, f.StartLine))
	}
	sort.Strings(got)
	return got
}

// TestFixtures runs every rule on its failing and passing fixtures in every
// format, and asserts exactly which resources and lines it flags.
func TestFixtures(t *testing.T) {
	for _, r := range rule.All() {
		want, ok := expected[r.ID]
		if !ok {
			t.Errorf("%s has no entry in the fixture table", r.ID)
			continue
		}
		for _, fx := range []string{"fail", "fail.plan.json", "pass", "pass.plan.json"} {
			t.Run(r.ID+"/"+fx, func(t *testing.T) {
				got := flagged(t, r, filepath.Join(fixtureDir(r), fx))
				w := append([]string(nil), want[fx]...)
				sort.Strings(w)
				if strings.Join(got, " ") != strings.Join(w, " ") {
					t.Errorf("flagged %q, want %q", got, w)
				}
				if strings.HasPrefix(fx, "fail") && len(w) == 0 {
					t.Errorf("a failing fixture must expect findings")
				}
			})
		}
	}
}

var idPattern = regexp.MustCompile(`^(AWS|GCP|AZURE|K8S)-[A-Z0-9]+-\d{3}$`)

// TestRegistry asserts what every rule must carry before it can land.
func TestRegistry(t *testing.T) {
	rules := rule.All()
	if len(rules) == 0 {
		t.Fatal("no rules registered")
	}
	slugs := map[string]string{}
	for _, r := range rules {
		if !idPattern.MatchString(r.ID) {
			t.Errorf("%s: malformed ID", r.ID)
		}
		if prev, dup := slugs[r.Slug]; dup {
			t.Errorf("%s: slug %q already used by %s", r.ID, r.Slug, prev)
		}
		slugs[r.Slug] = r.ID
		missing := []string{}
		for name, empty := range map[string]bool{
			"slug": r.Slug == "", "title": r.Title == "", "rationale": r.Rationale == "", "remediation": r.Remediation == "",
			"provider": r.Provider == "", "service": r.Service == "", "resource types": len(r.Resources) == 0,
			"terraform fix": r.Fixes["terraform"] == "", "defaults": len(r.Defaults) == 0, "references": len(r.References) == 0,
			"check": r.Check == nil,
		} {
			if empty {
				missing = append(missing, name)
			}
		}
		for _, fw := range []string{rule.NIST80053, rule.NISTCSF, rule.ISO27001, rule.SOC2} {
			if len(r.Frameworks[fw]) == 0 {
				missing = append(missing, "framework "+fw)
			}
		}
		if r.Severity < rule.Low || r.Severity > rule.Critical {
			missing = append(missing, "severity")
		}
		validCat := false
		for _, c := range rule.Categories {
			validCat = validCat || c == r.Category
		}
		if !validCat {
			missing = append(missing, "category")
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			t.Errorf("%s is missing: %s", r.ID, strings.Join(missing, ", "))
		}
		for _, fx := range []string{"fail/main.tf", "pass/main.tf", "fail.plan.json", "pass.plan.json"} {
			if _, err := os.Stat(filepath.Join(fixtureDir(r), fx)); err != nil {
				t.Errorf("%s: fixture %s missing", r.ID, fx)
			}
		}
	}
}
