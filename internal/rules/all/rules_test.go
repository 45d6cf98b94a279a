package all_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// Fixture cases: a failing and a passing example in every format. HCL and
// CloudFormation fixtures mark each line the rule must flag with a comment
// ending in "expect"; a plan is the HCL fixture planned by terraform, so it
// must flag the same resources, each at its entry in planned_values.
var cases = []string{"fail", "pass", "fail.plan.json", "pass.plan.json", "fail.cfn.yaml", "pass.cfn.yaml"}

// found is one finding of the rule under test.
type found struct {
	file, resource string
	line           int
}

// scanFixture scans one fixture (a directory or a file) with one rule.
func scanFixture(t *testing.T, r *rule.Rule, fixture string) []found {
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
	var out []found
	for _, f := range res.Findings {
		out = append(out, found{file: filepath.Join(dir, f.File), resource: f.Resource, line: f.StartLine})
	}
	return out
}

// marked returns "file:line" of every line of the fixture ending in an
// "expect" comment.
func marked(t *testing.T, fixture string) []string {
	t.Helper()
	var files []string
	if info, err := os.Stat(fixture); err == nil && info.IsDir() {
		files, _ = filepath.Glob(filepath.Join(fixture, "*"))
	} else {
		files = []string{fixture}
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if expectMark.MatchString(line) {
				out = append(out, fmt.Sprintf("%s:%d", f, i+1))
			}
		}
	}
	sort.Strings(out)
	return out
}

var expectMark = regexp.MustCompile(`(#|//)\s*expect\s*$`)

func lines(fs []found) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d", f.file, f.line))
	}
	sort.Strings(out)
	return slices.Compact(out) // several findings may share a line
}

func resources(fs []found) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.resource)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// TestFixtures runs every rule on its failing and passing fixtures in every
// format, and asserts exactly which resources and lines it flags.
func TestFixtures(t *testing.T) {
	for _, r := range rule.All() {
		dir := fixtureDir(r)
		hcl := map[string][]found{}
		for _, c := range cases {
			t.Run(r.ID+"/"+c, func(t *testing.T) {
				fixture := filepath.Join(dir, c)
				if _, err := os.Stat(fixture); err != nil {
					t.Skipf("no fixture: %v", err) // TestRegistry reports missing fixtures
				}
				got := scanFixture(t, r, fixture)
				fail := strings.HasPrefix(c, "fail")
				switch {
				case !fail && len(got) > 0:
					t.Errorf("a passing fixture flagged %v", lines(got))
				case strings.HasSuffix(c, ".plan.json"):
					want := resources(hcl[strings.TrimSuffix(c, ".plan.json")])
					if g := resources(got); !slices.Equal(g, want) {
						t.Errorf("plan flagged %q, the HCL fixture %q", g, want)
					}
					entries := planEntries(t, fixture)
					for _, f := range got {
						if !entries[f.line] {
							t.Errorf("%s flagged at line %d, which is no resource's planned_values entry", f.resource, f.line)
						}
					}
				default:
					want := marked(t, fixture)
					if fail && len(want) == 0 {
						t.Fatalf("a failing fixture must mark the lines it expects")
					}
					if g := lines(got); !slices.Equal(g, want) {
						t.Errorf("flagged %q, marked %q", g, want)
					}
				}
				hcl[c] = got
			})
		}
	}
}

// planEntries returns the lines of the resources' "address" keys in
// planned_values: where findings on a plan point (at the resource itself, or
// at the attachment that grants what is found).
func planEntries(t *testing.T, plan string) map[int]bool {
	t.Helper()
	data, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, `"planned_values"`)
	end := strings.Index(text, `"resource_changes"`)
	if start < 0 || end < start {
		t.Fatalf("%s: no planned_values", plan)
	}
	out := map[int]bool{}
	off := 0
	for i, line := range strings.Split(text, "\n") {
		if off > start && off < end && strings.Contains(line, `"address":`) {
			out[i+1] = true
		}
		off += len(line) + 1
	}
	return out
}
