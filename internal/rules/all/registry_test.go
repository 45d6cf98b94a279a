package all_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/rule"
)

var idPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+-[0-9]{3}$`)

// TestRegistry asserts what every rule must carry before it can land: its
// metadata, a mapping to every framework, and fixtures in each format it
// reads (Terraform for the clouds; CloudFormation when it names an AWS::
// type; manifests for Kubernetes).
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
		if missing := missingMetadata(r); len(missing) > 0 {
			t.Errorf("%s is missing: %s", r.ID, strings.Join(missing, ", "))
		}
		for _, fx := range fixturesOf(r) {
			if _, err := os.Stat(filepath.Join(fixtureDir(r), fx)); err != nil {
				t.Errorf("%s: fixture %s missing", r.ID, fx)
			}
		}
	}
}

func missingMetadata(r *rule.Rule) []string {
	var missing []string
	for name, empty := range map[string]bool{
		"slug": r.Slug == "", "title": r.Title == "", "rationale": r.Rationale == "", "remediation": r.Remediation == "",
		"provider": r.Provider == "", "service": r.Service == "", "resource types": len(r.Resources) == 0,
		"terraform fix": r.Fixes[fixFormat(r)] == "", "defaults": len(r.Defaults) == 0, "references": len(r.References) == 0,
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
	if cloudFormation(r) && r.Fixes["cloudformation"] == "" {
		missing = append(missing, "cloudformation fix")
	}
	if armTypes(r) && r.Fixes["arm"] == "" {
		missing = append(missing, "arm fix")
	}
	sort.Strings(missing)
	return missing
}

// fixFormat is the format every rule of the provider gives a fix in.
func fixFormat(r *rule.Rule) string {
	switch r.Provider {
	case "kubernetes", "docker":
		return map[string]string{"kubernetes": "kubernetes", "docker": "dockerfile"}[r.Provider]
	}
	return "terraform"
}

// armTypes reports whether a rule reads ARM resource types.
func armTypes(r *rule.Rule) bool {
	for _, t := range r.Resources {
		if strings.HasPrefix(t, "Microsoft.") {
			return true
		}
	}
	return false
}

func cloudFormation(r *rule.Rule) bool {
	for _, t := range r.Resources {
		if strings.HasPrefix(t, "AWS::") {
			return true
		}
	}
	return false
}

func fixturesOf(r *rule.Rule) []string {
	switch r.Provider {
	case "kubernetes":
		return []string{"fail.k8s.yaml", "pass.k8s.yaml"}
	case "docker":
		return []string{"fail.Dockerfile", "pass.Dockerfile"}
	}
	fx := []string{"fail/main.tf", "pass/main.tf"}
	if r.Provider == "aws" && slices.ContainsFunc(r.Resources, func(t string) bool { return strings.HasPrefix(t, "aws_") }) {
		// Real plans need the provider; only hashicorp/aws is on the build
		// machine (see docs/benchmarks.md, "Fixtures"). A rule on a type
		// only awscc and CloudFormation have is planned by neither.
		fx = append(fx, "fail.plan.json", "pass.plan.json")
	}
	if cloudFormation(r) {
		fx = append(fx, "fail.cfn.yaml", "pass.cfn.yaml")
	}
	if armTypes(r) {
		fx = append(fx, "fail.arm.json", "pass.arm.json")
	}
	return fx
}
