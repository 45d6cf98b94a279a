package compliance_test

import (
	"reflect"
	"sort"
	"testing"

	"github.com/mlguard/mlguard/internal/compliance"
	"github.com/mlguard/mlguard/internal/rule"
	_ "github.com/mlguard/mlguard/internal/rules/all"
)

func TestLessOrdersLikeCatalogues(t *testing.T) {
	ids := []string{"SC-28(1)", "AC-21", "A.8.24", "AC-6(10)", "SC-7", "AC-6", "A.8.3", "SC-28", "AC-3", "CC6.1", "CC10.1"}
	sort.Slice(ids, func(i, j int) bool { return compliance.Less(ids[i], ids[j]) })
	want := []string{"A.8.3", "A.8.24", "AC-3", "AC-6", "AC-6(10)", "AC-21", "CC6.1", "CC10.1", "SC-7", "SC-28", "SC-28(1)"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("got %v, want %v", ids, want)
	}
}

func TestSummarize(t *testing.T) {
	fw, err := compliance.Lookup("NIST-800-53")
	if err != nil {
		t.Fatal(err)
	}
	mk := func(id, typ string, controls ...string) *rule.Rule {
		return &rule.Rule{Metadata: rule.Metadata{ID: id, Resources: []string{typ}, Frameworks: map[string][]string{rule.NIST80053: controls}}}
	}
	rules := []*rule.Rule{
		mk("R-A-001", "aws_s3_bucket", "SC-28", "AC-3"),
		mk("R-A-002", "aws_kms_key", "SC-12", "AC-3"),
		mk("R-A-003", "aws_ecr_repository", "RA-5"),
	}
	finding := func(id string, suppressed bool, controls ...string) rule.Finding {
		f := rule.Finding{RuleID: id, Frameworks: map[string][]string{rule.NIST80053: controls}}
		if suppressed {
			f.Suppression = &rule.Suppression{Kind: "inline"}
		}
		return f
	}
	findings := []rule.Finding{
		finding("R-A-001", false, "SC-28", "AC-3"),
		finding("R-A-001", false, "SC-28", "AC-3"),
		finding("R-A-002", true, "SC-12", "AC-3"),
	}
	types := map[string]int{"aws_s3_bucket": 2, "aws_kms_key": 1}
	rep := compliance.Summarize(fw, rules, findings, types)
	got := map[string]string{}
	for _, c := range rep.Controls {
		got[c.ID] = string(c.Status)
	}
	want := map[string]string{"AC-3": "fail", "SC-12": "pass", "SC-28": "fail", "RA-5": "not-applicable"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("statuses: got %v, want %v", got, want)
	}
	if rep.Failed != 2 || rep.Passed != 1 || rep.NotApplicable != 1 {
		t.Errorf("counts: got %d fail, %d pass, %d n/a", rep.Failed, rep.Passed, rep.NotApplicable)
	}
	ac3 := rep.Controls[0]
	if ac3.ID != "AC-3" || ac3.Findings != 2 || ac3.Suppressed != 1 || !reflect.DeepEqual(ac3.Failed, []string{"R-A-001"}) ||
		!reflect.DeepEqual(ac3.Rules, []string{"R-A-001", "R-A-002"}) {
		t.Errorf("AC-3: got %+v", ac3)
	}
}

func TestLookupRefusesUnknown(t *testing.T) {
	if _, err := compliance.Lookup("pci-dss"); err == nil {
		t.Error("want an error for a framework mlguard does not map")
	}
}

// TestEveryMappedControlHasATitle keeps the titles in step with the rules:
// a new mapping without a title would print a bare ID.
func TestEveryMappedControlHasATitle(t *testing.T) {
	for _, r := range rule.All() {
		for fw, ids := range r.Frameworks {
			for _, id := range ids {
				if compliance.Title(fw, id) == "" {
					t.Errorf("%s maps to %s %s, which has no title in internal/compliance/titles.go", r.ID, fw, id)
				}
			}
		}
	}
}
