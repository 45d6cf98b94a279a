package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mlguard/mlguard/internal/compliance"
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

// writeText groups findings by file; each shows what is wrong, why it matters
// and how to fix it. Suppressed findings are counted, not shown.
func writeText(w io.Writer, res *scan.Result, opts Options) error {
	t := &textWriter{w: w, color: opts.Color}
	file := ""
	for _, f := range Active(res, opts.MinSeverity) {
		if f.File != file {
			file = f.File
			t.printf("\n%s\n", t.paint(bold, file))
		}
		sev := fmt.Sprintf("%-8s", f.Severity)
		t.printf("  %s %s  %s\n", t.paint(severityColor[f.Severity], sev), f.RuleID, f.Title)
		t.printf("           %s %s\n", t.paint(dim, "at"), location(f))
		t.printf("           %s\n", f.Message)
		if f.Rule != nil {
			t.printf("           %s %s\n", t.paint(dim, "why:"), wrap(f.Rule.Rationale, 11))
		}
		t.printf("           %s %s\n", t.paint(dim, "fix:"), wrap(f.Remediation, 11))
	}
	if len(res.Errors) > 0 {
		t.printf("\n%s\n", t.paint(severityColor[rule.High], "Inputs that could not be read"))
		for _, d := range res.Errors {
			t.printf("  %s\n", d.Error())
		}
	}
	if len(res.Warnings) > 0 {
		t.printf("\n%s\n", t.paint(severityColor[rule.Medium], "Warnings"))
		for _, d := range res.Warnings {
			t.printf("  %s\n", d.Error())
		}
	}
	if c := complianceOf(res, opts); c != nil {
		t.compliance(c)
	}
	if n := len(res.Unknowns); n > 0 {
		t.printf("\n%s\n", t.paint(dim, fmt.Sprintf("%s cannot be known before apply and were not judged (listed under \"unknowns\" in --format json).", Plural(n, "value"))))
	}
	s := Summarize(res, opts.MinSeverity)
	t.printf("\n%d findings (%d critical, %d high, %d medium, %d low), %d suppressed; %d files scanned, %d could not be read\n",
		s.Findings, s.BySeverity["CRITICAL"], s.BySeverity["HIGH"], s.BySeverity["MEDIUM"], s.BySeverity["LOW"], s.Suppressed, s.FilesScanned, s.FilesFailed)
	return t.err
}

func location(f rule.Finding) string {
	loc := f.Resource + "  " + f.File
	if f.StartLine > 0 {
		loc += fmt.Sprintf(":%d", f.StartLine)
	}
	return loc
}

// wrap folds text at about 100 columns, indenting continuation lines.
func wrap(s string, indent int) string {
	const width = 100
	var b strings.Builder
	col := indent + 5
	for i, word := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(word) > width {
				b.WriteString("\n" + strings.Repeat(" ", indent+5))
				col = indent + 5
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
