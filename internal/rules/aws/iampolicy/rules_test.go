package iampolicy

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/scan"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

const account = "111122223333"

// run analyses one fixture (a directory or a file) and lists its findings
// as "RULE file:line resource".
func run(t *testing.T, target string) []string {
	t.Helper()
	root := "."
	dir := filepath.Join("testdata", target)
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		dir, root = "testdata", target
	}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(dir), Root: root}}, scan.Options{Rules: Rules(account)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("%s: %v", target, res.Errors)
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s %s:%d %s", f.RuleID, f.File, f.StartLine, f.Resource))
	}
	slices.Sort(out)
	return out
}

// TestFixtures asserts exactly which resources and lines each failing
// fixture flags (testdata/*.golden, rewritten with -update), and that the
// passing fixtures flag nothing.
func TestFixtures(t *testing.T) {
	for _, target := range []string{"fail", "fail.plan.json"} {
		got := strings.Join(run(t, target), "\n") + "\n"
		golden := filepath.Join("testdata", target+".golden")
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s: findings differ from %s:\ngot:\n%s\nwant:\n%s", target, golden, got, want)
		}
	}
	for _, target := range []string{"pass", "pass.plan.json"} {
		if got := run(t, target); len(got) > 0 {
			t.Errorf("%s: %d findings:\n%s", target, len(got), strings.Join(got, "\n"))
		}
	}
}

// TestEveryRuleFailsInEveryFormat keeps the failing fixtures complete: each
// rule fires in HCL, plan JSON, CloudFormation and policy files (except an
// attached managed policy, which a policy file cannot express).
func TestEveryRuleFailsInEveryFormat(t *testing.T) {
	formats := map[string]func(line string) bool{
		"terraform":      func(l string) bool { return strings.Contains(l, " main.tf:") },
		"plan":           func(l string) bool { return strings.Contains(l, "fail.plan.json:") },
		"cloudformation": func(l string) bool { return strings.Contains(l, " template.yaml:") },
		"policy file":    func(l string) bool { return strings.Contains(l, " policies/") },
	}
	found := append(run(t, "fail"), run(t, "fail.plan.json")...)
	for _, r := range Rules(account) {
		for name, in := range formats {
			if name == "policy file" && r.ID == "AWS-IAMPOLICY-002" {
				continue
			}
			if !slices.ContainsFunc(found, func(l string) bool { return strings.HasPrefix(l, r.ID+" ") && in(l) }) {
				t.Errorf("%s does not fire in the %s fixture", r.ID, name)
			}
		}
	}
}

func TestMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules("") {
		if seen[r.ID] || r.Title == "" || r.Rationale == "" || r.Remediation == "" || r.Slug == "" {
			t.Errorf("%s: incomplete or duplicate metadata", r.ID)
		}
		seen[r.ID] = true
	}
	if len(seen) != len(meta) {
		t.Errorf("%d rules for %d checks", len(seen), len(meta))
	}
}

// TestPlanMatchesHCL: the plan made from the failing HCL by terraform flags
// the same rules on the same resources as the HCL itself.
func TestPlanMatchesHCL(t *testing.T) {
	strip := func(lines []string, keep func(string) bool) []string {
		var out []string
		for _, l := range lines {
			if f := strings.Fields(l); keep(l) && len(f) == 3 {
				out = append(out, f[0]+" "+f[2])
			}
		}
		slices.Sort(out)
		return out
	}
	hcl := strip(run(t, "fail"), func(l string) bool { return strings.Contains(l, " main.tf:") })
	plan := strip(run(t, "fail.plan.json"), func(string) bool { return true })
	if !slices.Equal(hcl, plan) {
		t.Errorf("HCL flags\n%s\nplan flags\n%s", strings.Join(hcl, "\n"), strings.Join(plan, "\n"))
	}
}
