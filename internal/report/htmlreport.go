package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/compliance"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
)

//go:embed html/scan.html.tmpl
var scanHTML string

// scanPage is what the scan report's template reads.
type scanPage struct {
	Version    string
	Counts     string
	Severities []severityCount
	Worst      []htmlFinding
	PerRule    []tally
	PerFile    []tally
	Files      []fileFindings
	Rules      []htmlRule
	Suppressed int
	Errors     []htmlDiag
	Warnings   []htmlDiag
	Unknowns   int
	Compliance *compliance.Report
}

type severityCount struct {
	Name  string
	Count int
}

type tally struct {
	Key, Title, Severity string
	Count                int
}

type fileFindings struct {
	File     string
	Anchor   string
	Findings []htmlFinding
}

type htmlFinding struct {
	ID, RuleID, Title, Severity, Category string
	Resource, Location, Message, Rendered string
	Why, Fix                              string
	Suppression                           string
	Suppressed                            bool
}

// htmlRule is a rule the severity filter's rule list offers.
type htmlRule struct {
	ID string
}

type htmlDiag struct {
	Where, Summary, Detail string
}

// writeHTML writes one self-contained page: inline CSS and JavaScript,
// nothing fetched (its Content-Security-Policy allows no source at all).
// It reads without JavaScript; the script only filters rows. Every value
// from scanned files goes through html/template's escaping.
func writeHTML(w io.Writer, res *scan.Result, opts Options) error {
	t, err := template.New("scan").Funcs(template.FuncMap{"lower": strings.ToLower}).Parse(scanHTML)
	if err != nil {
		return fmt.Errorf("html report template: %w", err)
	}
	return t.Execute(w, buildScanPage(res, opts))
}

func buildScanPage(res *scan.Result, opts Options) scanPage {
	shown := Shown(res, opts.MinSeverity)
	active := Active(res, opts.MinSeverity)
	p := scanPage{Version: opts.Version, Counts: countsLine(res, opts.MinSeverity), Unknowns: len(res.Unknowns),
		Suppressed: len(shown) - len(active), Compliance: complianceOf(res, opts)}
	s := Summarize(res, opts.MinSeverity)
	for _, sev := range []string{"CRITICAL", "HIGH", "MEDIUM", "LOW"} {
		p.Severities = append(p.Severities, severityCount{sev, s.BySeverity[sev]})
	}
	var all []htmlFinding // in the order of the page, for the worst
	for i, f := range groupByFile(shown) {
		hf := toHTML(f, i)
		all = append(all, hf)
		if len(p.Files) == 0 || p.Files[len(p.Files)-1].File != f.File {
			p.Files = append(p.Files, fileFindings{File: f.File, Anchor: fmt.Sprintf("file-%d", len(p.Files)+1)})
		}
		p.Files[len(p.Files)-1].Findings = append(p.Files[len(p.Files)-1].Findings, hf)
	}
	all = slices.DeleteFunc(all, func(f htmlFinding) bool { return f.Suppressed })
	slices.SortStableFunc(all, func(a, b htmlFinding) int { return cmp.Compare(severityRank(b.Severity), severityRank(a.Severity)) })
	p.Worst = all[:min(worstRows, len(all))]
	p.PerRule, p.PerFile = tallies(active)
	seen := map[string]bool{}
	for _, f := range groupBySeverity(shown) {
		if !seen[f.RuleID] && f.Rule != nil {
			seen[f.RuleID] = true
			p.Rules = append(p.Rules, htmlRule{ID: f.RuleID})
		}
	}
	p.Errors, p.Warnings = diags(res.Errors), diags(res.Warnings)
	return p
}

func toHTML(f rule.Finding, i int) htmlFinding {
	hf := htmlFinding{ID: fmt.Sprintf("f%d", i+1), RuleID: f.RuleID, Title: f.Title, Severity: f.Severity.String(), Category: string(f.Category),
		Resource: resourceOf(f), Location: htmlLocation(f), Message: f.Message}
	if f.Rendered != nil {
		hf.Rendered = renderedBy(f.Rendered)
	}
	if f.Rule != nil {
		hf.Why, hf.Fix = f.Rule.Rationale, f.Rule.Remediation
	}
	if s := f.Suppression; s != nil {
		hf.Suppressed = true
		hf.Suppression = s.Kind
		if s.Reason != "" {
			hf.Suppression += ": " + s.Reason
		}
		if s.Expires != "" {
			hf.Suppression += " (until " + s.Expires + ")"
		}
	}
	return hf
}

func severityRank(name string) rule.Severity {
	s, _ := rule.ParseSeverity(name)
	return s
}

func htmlLocation(f rule.Finding) string {
	switch {
	case f.StartLine > 0 && f.EndLine > f.StartLine:
		return fmt.Sprintf("%s:%d-%d", f.File, f.StartLine, f.EndLine)
	case f.StartLine > 0:
		return fmt.Sprintf("%s:%d", f.File, f.StartLine)
	}
	return f.File
}

// groupBySeverity orders findings most severe first, then by rule.
func groupBySeverity(fs []rule.Finding) []rule.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b rule.Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), strings.Compare(a.RuleID, b.RuleID))
	})
	return out
}

// tallies counts findings per rule and per file, most severe and most
// numerous first.
func tallies(active []rule.Finding) (perRule, perFile []tally) {
	byRule, byFile := map[string]*tally{}, map[string]*tally{}
	for _, f := range active {
		r := byRule[f.RuleID]
		if r == nil {
			r = &tally{Key: f.RuleID, Title: f.Title, Severity: f.Severity.String()}
			byRule[f.RuleID] = r
		}
		r.Count++
		fl := byFile[f.File]
		if fl == nil {
			fl = &tally{Key: f.File, Severity: f.Severity.String()}
			byFile[f.File] = fl
		}
		if f.Severity > severityRank(fl.Severity) {
			fl.Severity = f.Severity.String()
		}
		fl.Count++
	}
	order := func(m map[string]*tally) []tally {
		var out []tally
		for _, t := range m {
			out = append(out, *t)
		}
		slices.SortFunc(out, func(a, b tally) int {
			return cmp.Or(cmp.Compare(severityRank(b.Severity), severityRank(a.Severity)), cmp.Compare(b.Count, a.Count), strings.Compare(a.Key, b.Key))
		})
		return out[:min(summaryRows, len(out))]
	}
	return order(byRule), order(byFile)
}

func diags(ds source.Diagnostics) []htmlDiag {
	var out []htmlDiag
	for _, d := range ds {
		where := d.Range.File
		if d.Range.StartLine > 0 {
			where = fmt.Sprintf("%s:%d", where, d.Range.StartLine)
		}
		out = append(out, htmlDiag{Where: where, Summary: d.Summary, Detail: d.Detail})
	}
	return out
}
