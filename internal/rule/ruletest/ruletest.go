// Package ruletest is the fixture harness every rule is tested with, built-in
// Go rules and custom Rego policies alike: failing and passing fixtures per
// format, failing HCL and CloudFormation fixtures marking each line they
// expect with a comment ending in "expect", plans flagging what their HCL
// flags.
package ruletest

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

	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
)

// Fixture cases: a failing and a passing example in every format. HCL,
// CloudFormation, Kubernetes, ARM and Bicep fixtures mark each line the rule must flag with a comment
// ending in "expect"; a plan is the HCL fixture planned by terraform, so it
// must flag the same resources, each at its entry in planned_values.
// Dockerfiles have no comment at the end of a line (ENV would take it as a
// value), so a comment line "# expect next" marks the line after it.
var Cases = []string{"fail", "pass", "fail.plan.json", "pass.plan.json", "fail.awscc", "pass.awscc", "fail.cfn.yaml", "pass.cfn.yaml", "fail.k8s.yaml", "pass.k8s.yaml", "fail.arm.json", "pass.arm.json", "fail.bicep", "pass.bicep", "fail.Dockerfile", "pass.Dockerfile"}

// found is one finding of the rule under test.
type found struct {
	file, resource string
	line           int
}

// scanFixture scans one fixture (a directory or a file) with one rule.
func scanFixture(t *testing.T, r *rule.Rule, fixture string, classes *dataclass.Map) []found {
	t.Helper()
	dir, root := filepath.Dir(fixture), filepath.Base(fixture)
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(dir), Root: root}},
		scan.Options{Rules: []*rule.Rule{r}, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), DataClassification: classes})
	if err != nil {
		t.Fatalf("scan %s: %v", fixture, err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("scan %s: input errors: %v", fixture, res.Errors)
	}
	var out []found
	for _, f := range res.Findings {
		// Compliance summaries and threat models find a rule's resources
		// by the types it declares.
		if !scan.Checks(r, f.ResourceType) {
			t.Errorf("%s flags %s of type %s, which is not among its resource types %q", r.ID, f.Resource, f.ResourceType, r.Resources)
		}
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
			switch {
			case expectNext.MatchString(line):
				out = append(out, fmt.Sprintf("%s:%d", f, i+2))
			case expectMark.MatchString(line):
				out = append(out, fmt.Sprintf("%s:%d", f, i+1))
			}
		}
	}
	sort.Strings(out)
	return out
}

var (
	expectMark = regexp.MustCompile(`(#|//)\s*expect\s*$`)
	expectNext = regexp.MustCompile(`^\s*#\s*expect next\s*$`)
)

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

// ClassificationFile is the classification file (data scan
// --classification-out) a rule's fixtures are scanned with, when the rule
// reads one: the same for every case, so that a passing fixture passes by
// its controls and not by holding nothing classified.
const ClassificationFile = "classification.json"

// Fixtures runs r on its failing and passing fixtures under dir in every
// format (a missing one is skipped; the registry test reports it), and
// asserts exactly which resources and lines it flags.
func Fixtures(t *testing.T, r *rule.Rule, dir string) {
	t.Helper()
	var classes *dataclass.Map
	if data, err := os.ReadFile(filepath.Join(dir, ClassificationFile)); err == nil {
		var warnings []string
		if classes, warnings, err = dataclass.ReadFile(ClassificationFile, data); err != nil || len(warnings) > 0 {
			t.Fatalf("%s: %v %v", dir, err, warnings)
		}
	}
	hcl := map[string][]found{}
	for _, c := range Cases {
		t.Run(r.ID+"/"+c, func(t *testing.T) {
			fixture := filepath.Join(dir, c)
			if _, err := os.Stat(fixture); err != nil {
				t.Skipf("no fixture: %v", err) // TestRegistry reports missing fixtures
			}
			got := scanFixture(t, r, fixture, classes)
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
