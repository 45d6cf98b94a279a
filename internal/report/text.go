package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/compliance"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
)

var severityColor = map[rule.Severity]string{rule.Critical: "\x1b[1;35m", rule.High: "\x1b[1;31m", rule.Medium: "\x1b[1;33m", rule.Low: "\x1b[1;36m"}

const (
	reset = "\x1b[0m"
	dim   = "\x1b[2m"
	bold  = "\x1b[1m"
)

type textWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) paint(code, s string) string {
	if !t.color {
		return s
	}
	return code + s + reset
}

// writeText is the report for people. A summary comes first (counts by
// severity, the worst findings, findings per rule and per file), then the
// findings grouped by file, most severe first, then each rule's why and fix
// once (with every finding under Verbose), then what could not be read or
// judged, and the counts again as the last line, where a terminal leaves
// the eye. Compact prints one line per finding and the counts.
func writeText(w io.Writer, res *scan.Result, opts Options) error {
	t := &textWriter{w: w, color: opts.Color}
	active := Active(res, opts.MinSeverity)
	byFile := groupByFile(active)
	if opts.Compact {
		for _, f := range byFile {
			t.printf("%s: %s %s %s: %s\n", Clean(rangeOf(f)), t.paint(severityColor[f.Severity], f.Severity.String()), f.RuleID,
				Clean(resourceOf(f)), Clean(f.Message))
		}
	} else {
		t.summary(res, active, opts)
		t.findings(byFile, opts.Verbose)
		if !opts.Verbose {
			t.rules(active)
		}
	}
	t.diagnostics(res)
	if c := complianceOf(res, opts); c != nil && !opts.Compact {
		t.compliance(c)
	}
	if n := len(res.Unknowns); n > 0 {
		were := "were"
		if n == 1 {
			were = "was"
		}
		t.printf("\n%s\n", t.paint(dim, fmt.Sprintf("%s could not be known before apply or build and %s not judged (listed under \"unknowns\" in --format json).", Plural(n, "value"), were)))
	}
	t.printf("\n%s\n", countsLine(res, opts.MinSeverity))
	return t.err
}

// countsLine is the one-line summary of a scan.
func countsLine(res *scan.Result, min rule.Severity) string {
	s := Summarize(res, min)
	return fmt.Sprintf("%s (%d critical, %d high, %d medium, %d low), %d suppressed; %s scanned, %d could not be read",
		Plural(s.Findings, "finding"), s.BySeverity["CRITICAL"], s.BySeverity["HIGH"], s.BySeverity["MEDIUM"], s.BySeverity["LOW"],
		s.Suppressed, Plural(s.FilesScanned, "file"), s.FilesFailed)
}

// groupByFile orders findings by file, then most severe first, then by
// line, so each file reads from what matters most.
func groupByFile(fs []rule.Finding) []rule.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b rule.Finding) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(b.Severity, a.Severity), cmp.Compare(a.StartLine, b.StartLine),
			strings.Compare(a.RuleID, b.RuleID))
	})
	return out
}

// summaryRows is how many rules and files the summary lists.
const summaryRows = 10

// worstRows is how many of the worst findings the summary names.
const worstRows = 5

func (t *textWriter) summary(res *scan.Result, active []rule.Finding, opts Options) {
	if len(active) == 0 {
		return // the counts close the report; nothing to add before it
	}
	t.printf("%s\n", t.paint(bold, countsLine(res, opts.MinSeverity)))
	worst := slices.Clone(active)
	slices.SortStableFunc(worst, func(a, b rule.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	t.printf("\n%s\n", t.paint(bold, "Worst findings"))
	for _, f := range worst[:min(worstRows, len(worst))] {
		t.printf("  %s %s  %s\n", t.sev(f.Severity), f.RuleID, Clean(f.Title))
		t.printf("           %s %s\n", t.paint(dim, "at"), Clean(location(f)))
	}
	type count struct {
		key, title string
		sev        rule.Severity
		n          int
	}
	tally := func(key func(rule.Finding) (string, string)) []count {
		idx := map[string]int{}
		var out []count
		for _, f := range active {
			k, title := key(f)
			i, ok := idx[k]
			if !ok {
				i = len(out)
				idx[k] = i
				out = append(out, count{key: k, title: title})
			}
			out[i].n++
			out[i].sev = max(out[i].sev, f.Severity)
		}
		slices.SortStableFunc(out, func(a, b count) int {
			return cmp.Or(cmp.Compare(b.sev, a.sev), cmp.Compare(b.n, a.n), strings.Compare(a.key, b.key))
		})
		return out
	}
	list := func(title string, rows []count, more string) {
		t.printf("\n%s\n", t.paint(bold, title))
		for _, r := range rows[:min(summaryRows, len(rows))] {
			line := fmt.Sprintf("  %5d  %s %s", r.n, t.sev(r.sev), Clean(r.key))
			if r.title != "" {
				line += "  " + Clean(r.title)
			}
			t.printf("%s\n", line)
		}
		if n := len(rows) - summaryRows; n > 0 {
			t.printf("  %s\n", t.paint(dim, fmt.Sprintf("and %d more %s", n, strings.TrimPrefix(Plural(n, more), fmt.Sprint(n, " ")))))
		}
	}
	list("Findings per rule, most severe first", tally(func(f rule.Finding) (string, string) { return f.RuleID, f.Title }), "rule")
	list("Findings per file, by their most severe", tally(func(f rule.Finding) (string, string) { return f.File, "" }), "file")
}

// sev renders a severity padded to the widest.
func (t *textWriter) sev(s rule.Severity) string {
	return t.paint(severityColor[s], fmt.Sprintf("%-8s", s))
}

// findings prints each file's findings; why and fix only when verbose.
func (t *textWriter) findings(byFile []rule.Finding, verbose bool) {
	file := ""
	for _, f := range byFile {
		if f.File != file {
			file = f.File
			t.printf("\n%s\n", t.paint(bold, Clean(file)))
		}
		t.printf("  %s %s  %s\n", t.sev(f.Severity), f.RuleID, Clean(f.Title))
		t.printf("           %s %s\n", t.paint(dim, "at"), Clean(location(f)))
		t.printf("           %s\n", wrap(Clean(f.Message), 6))
		if r := renderedBy(f.Rendered); r != "" {
			t.printf("           %s %s\n", t.paint(dim, "from"), wrap(Clean(r), 11))
		}
		if verbose {
			if f.Rule != nil {
				t.printf("           %s %s\n", t.paint(dim, "why:"), wrap(Clean(f.Rule.Rationale), 11))
			}
			t.printf("           %s %s\n", t.paint(dim, "fix:"), wrap(Clean(f.Remediation), 11))
		}
	}
}

// rules prints why each rule that fired matters and how to fix it, once.
func (t *textWriter) rules(active []rule.Finding) {
	seen := map[string]bool{}
	var fired []rule.Finding
	for _, f := range active {
		if !seen[f.RuleID] {
			seen[f.RuleID] = true
			fired = append(fired, f)
		}
	}
	if len(fired) == 0 {
		return
	}
	slices.SortStableFunc(fired, func(a, b rule.Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), strings.Compare(a.RuleID, b.RuleID))
	})
	t.printf("\n%s\n", t.paint(bold, "Why these rules matter and how to fix them (--verbose repeats this with every finding)"))
	for _, f := range fired {
		t.printf("  %s %s  %s\n", t.sev(f.Severity), f.RuleID, Clean(f.Title))
		if f.Rule != nil {
			t.printf("           %s %s\n", t.paint(dim, "why:"), wrap(Clean(f.Rule.Rationale), 11))
		}
		t.printf("           %s %s\n", t.paint(dim, "fix:"), wrap(Clean(f.Remediation), 11))
	}
}

// diagnostics lists inputs that could not be read and warnings.
func (t *textWriter) diagnostics(res *scan.Result) {
	if len(res.Errors) > 0 {
		t.printf("\n%s\n", t.paint(severityColor[rule.High], "Inputs that could not be read"))
		for _, d := range res.Errors {
			t.printf("  %s\n", Clean(d.Error()))
		}
	}
	if len(res.Warnings) > 0 {
		t.printf("\n%s\n", t.paint(severityColor[rule.Medium], "Warnings"))
		for _, d := range res.Warnings {
			t.printf("  %s\n", Clean(d.Error()))
		}
	}
}

// rangeOf is file:line of a finding.
func rangeOf(f rule.Finding) string {
	if f.StartLine > 0 {
		return fmt.Sprintf("%s:%d", f.File, f.StartLine)
	}
	return f.File
}

// Clean makes text from scanned files or logs safe to print on a terminal:
// control characters (escape sequences that move the cursor or write the
// clipboard, bells, NULs, newlines that would forge report lines) are
// shown escaped, as \x1b or \n. JSON and SARIF keep the text exact.
func Clean(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case unsafeRune(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune is a C0 or C1 control character, DEL, or a character that
// reorders text (bidirectional overrides).
func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// resourceOf names a finding's resource, and says when it was read from
// deployed state rather than from code.
func resourceOf(f rule.Finding) string {
	switch {
	case f.Format == terraform.FormatState:
		return f.Resource + " (deployed)"
	case f.Construct != "":
		return f.Resource + " (" + f.Construct + ")"
	}
	return f.Resource
}

// renderedBy says what rendered a finding's resource: the chart and the
// values its line reads, or the kustomization.
func renderedBy(r *rule.Rendering) string {
	switch {
	case r == nil:
		return ""
	case r.Tool == "helm" && len(r.Values) > 0:
		return fmt.Sprintf("Helm chart %s, values %s", r.Root, strings.Join(r.Values, ", "))
	case r.Tool == "helm":
		return "Helm chart " + r.Root
	}
	return "kustomization " + r.Root
}

func location(f rule.Finding) string {
	loc := resourceOf(f) + "  " + f.File
	if f.StartLine > 0 {
		loc += fmt.Sprintf(":%d", f.StartLine)
	}
	return loc
}

// wrap folds text at about 100 columns, indenting continuation lines to
// indent+5 (the text after a "why: " label that starts at indent).
func wrap(s string, indent int) string { return wrapAt(s, indent+5, indent+5) }

// wrapAt folds text that starts at column start at about 100 columns,
// continuation lines indented to cont.
func wrapAt(s string, start, cont int) string {
	const width = 100
	var b strings.Builder
	col := start
	for i, word := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(word) > width {
				b.WriteString("\n" + strings.Repeat(" ", cont))
				col = cont
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

// compliance prints one line per control, failing controls first, so the
// gaps are read before the long list of controls with nothing found.
func (t *textWriter) compliance(c *compliance.Report) {
	t.printf("\n%s\n", t.paint(bold, fmt.Sprintf("Compliance: %s (%d controls fail, %d pass, %d not applicable)", c.Name, c.Failed, c.Passed, c.NotApplicable)))
	t.printf("  %s\n", t.paint(dim, "A control passes when the mlguard rules mapped to it had resources to check and found nothing;\n  mlguard checks only the ML-platform part of a control."))
	for _, want := range []compliance.Status{compliance.Fail, compliance.Pass, compliance.NotApplicable} {
		for _, ctl := range c.Controls {
			if ctl.Status != want {
				continue
			}
			if ctl.Status == compliance.Fail {
				t.printf("  %s %-12s %s\n", t.paint(severityColor[rule.High], "FAIL"), ctl.ID, ctl.Title)
				t.printf("       %-12s %s from %s\n", "", Plural(ctl.Findings, "finding"), strings.Join(ctl.Failed, ", "))
				continue
			}
			note := ""
			if ctl.Suppressed > 0 {
				note = fmt.Sprintf(" (%d suppressed)", ctl.Suppressed)
			}
			label := "pass"
			if ctl.Status == compliance.NotApplicable {
				label, note = "n/a ", " (nothing to check)"
			}
			t.printf("  %s %-12s %s%s\n", t.paint(dim, label), ctl.ID, ctl.Title, note)
		}
	}
}

// Plural counts a noun in English: "1 file", "2 files".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
