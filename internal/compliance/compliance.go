// Package compliance turns findings into a per-control summary for one
// framework: for each control that a rule maps to, whether the scan found a
// violation of it. It reports on the controls mlguard checks, and only on the
// ML-platform part of each; a control passes when none of its rules fired.
package compliance

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
)

// Framework is a compliance framework mlguard maps its rules to.
type Framework struct {
	Key  string // the --compliance name and the key of rule.Metadata.Frameworks
	Name string // the framework's published name
}

// Frameworks lists what --compliance accepts.
var Frameworks = []Framework{
	{rule.NIST80053, "NIST SP 800-53 Rev. 5"},
	{rule.NISTCSF, "NIST Cybersecurity Framework 2.0"},
	{rule.ISO27001, "ISO/IEC 27001:2022 Annex A"},
	{rule.SOC2, "AICPA SOC 2 Trust Services Criteria (2017, revised 2022)"},
	{rule.AWSFSBP, "AWS Foundational Security Best Practices"},
}

// Lookup returns the framework with the given key.
func Lookup(key string) (Framework, error) {
	var keys []string
	for _, f := range Frameworks {
		if strings.EqualFold(f.Key, key) {
			return f, nil
		}
		keys = append(keys, f.Key)
	}
	return Framework{}, fmt.Errorf("unknown framework %q (want one of %s)", key, strings.Join(keys, ", "))
}

// Status is a control's outcome in a scan.
type Status string

// The statuses. A control fails when a rule mapped to it has an active
// finding, and passes when none has but at least one had resources to check;
// it is not applicable when none of its rules met a resource of its types.
// Suppressed findings do not fail a control but are counted.
const (
	Pass          Status = "pass"
	Fail          Status = "fail"
	NotApplicable Status = "not-applicable"
)

// Control is one control's outcome.
type Control struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Status     Status   `json:"status"`
	Rules      []string `json:"rules"`        // every rule mapped to the control
	Failed     []string `json:"failed_rules"` // the rules with active findings
	Findings   int      `json:"findings"`
	Suppressed int      `json:"suppressed"`
}

// Report is the per-control summary of one framework.
type Report struct {
	Framework     string    `json:"framework"`
	Name          string    `json:"name"`
	Passed        int       `json:"controls_passed"`
	Failed        int       `json:"controls_failed"`
	NotApplicable int       `json:"controls_not_applicable"`
	Controls      []Control `json:"controls"`
}

// Summarize builds the report for framework fw over the rules that ran, the
// findings shown and the count of resources read by type.
func Summarize(fw Framework, rules []*rule.Rule, findings []rule.Finding, types map[string]int) Report {
	byID := map[string]*Control{}
	for _, r := range rules {
		applies := false
		for _, t := range r.Resources {
			applies = applies || types[t] > 0
		}
		for _, id := range r.Frameworks[fw.Key] {
			c := byID[id]
			if c == nil {
				c = &Control{ID: id, Title: Title(fw.Key, id), Status: NotApplicable, Rules: []string{}, Failed: []string{}}
				byID[id] = c
			}
			c.Rules = append(c.Rules, r.ID)
			if applies && c.Status == NotApplicable {
				c.Status = Pass
			}
		}
	}
	for _, f := range findings {
		for _, id := range f.Frameworks[fw.Key] {
			c := byID[id]
			if c == nil {
				continue // a finding of a rule that did not run: not possible from one scan
			}
			if f.Suppression != nil {
				c.Suppressed++
				continue
			}
			c.Findings++
			c.Status = Fail
			if !slices.Contains(c.Failed, f.RuleID) {
				c.Failed = append(c.Failed, f.RuleID)
			}
		}
	}
	rep := Report{Framework: fw.Key, Name: fw.Name, Controls: []Control{}}
	for _, c := range byID {
		sort.Strings(c.Rules)
		sort.Strings(c.Failed)
		switch c.Status {
		case Fail:
			rep.Failed++
		case Pass:
			rep.Passed++
		default:
			rep.NotApplicable++
		}
		rep.Controls = append(rep.Controls, *c)
	}
	sort.Slice(rep.Controls, func(i, j int) bool { return Less(rep.Controls[i].ID, rep.Controls[j].ID) })
	return rep
}

// Less orders control IDs the way their catalogues do: runs of digits compare
// as numbers, so AC-6 < AC-6(10) < AC-21 and A.8.3 < A.8.24.
func Less(a, b string) bool {
	for a != "" && b != "" {
		ca, ra := chunk(a)
		cb, rb := chunk(b)
		if ca != cb {
			na, ea := strconv.Atoi(ca)
			nb, eb := strconv.Atoi(cb)
			if ea == nil && eb == nil {
				return na < nb
			}
			return ca < cb
		}
		a, b = ra, rb
	}
	return len(a) < len(b)
}

// chunk splits off a leading run of digits, or of anything else.
func chunk(s string) (string, string) {
	digit := s[0] >= '0' && s[0] <= '9'
	i := 1
	for i < len(s) && (s[i] >= '0' && s[i] <= '9') == digit {
		i++
	}
	return s[:i], s[i:]
}
