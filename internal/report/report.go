// Package report renders scan results as text for people, and as JSON, SARIF
// 2.1.0 and JUnit XML for machines.
package report

import (
	"fmt"
	"io"

	"github.com/mlguard/mlguard/internal/compliance"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
)

// Formats lists the output formats.
var Formats = []string{"text", "json", "sarif", "junit", "html"}

// Options control rendering.
type Options struct {
	Version     string        // the tool version, injected so output is deterministic
	MinSeverity rule.Severity // findings below it are left out
	Color       bool          // ANSI colours in text output
	// Compliance, when set, adds a per-control summary of that framework to
	// text and JSON output.
	Compliance *compliance.Framework
	// Verbose prints a rule's why and fix with each finding in text; by
	// default they are printed once per rule.
	Verbose bool
	// Compact prints one line per finding in text, then the summary.
	Compact bool
}

// CompliantFormats are the formats that can carry a compliance summary.
var CompliantFormats = []string{"text", "json", "html"}

// complianceOf summarizes the shown findings for the chosen framework.
func complianceOf(res *scan.Result, opts Options) *compliance.Report {
	if opts.Compliance == nil {
		return nil
	}
	var ran []*rule.Rule
	for _, r := range res.Rules {
		if res.Ran[r.ID] {
			ran = append(ran, r)
		}
	}
	rep := compliance.Summarize(*opts.Compliance, ran, Shown(res, opts.MinSeverity), res.Types)
	return &rep
}

// Write renders res in the named format.
func Write(w io.Writer, format string, res *scan.Result, opts Options) error {
	switch format {
	case "text":
		return writeText(w, res, opts)
	case "json":
		return writeJSON(w, res, opts)
	case "sarif":
		return writeSARIF(w, res, opts)
	case "junit":
		return writeJUnit(w, res, opts)
	case "html":
		return writeHTML(w, res, opts)
	}
	return fmt.Errorf("unknown format %q (want one of %v)", format, Formats)
}

// Shown returns the findings at or above the threshold.
func Shown(res *scan.Result, min rule.Severity) []rule.Finding {
	var out []rule.Finding
	for _, f := range res.Findings {
		if f.Severity >= min {
			out = append(out, f)
		}
	}
	return out
}

// Active returns the findings that are neither suppressed nor below the threshold:
// the ones that make the exit code 1.
func Active(res *scan.Result, min rule.Severity) []rule.Finding {
	var out []rule.Finding
	for _, f := range Shown(res, min) {
		if f.Suppression == nil {
			out = append(out, f)
		}
	}
	return out
}

// Summary counts what a scan found.
type Summary struct {
	FilesScanned int            `json:"files_scanned"`
	FilesFailed  int            `json:"files_failed"`
	Findings     int            `json:"findings"`
	Suppressed   int            `json:"suppressed"`
	BySeverity   map[string]int `json:"by_severity"`
}

// Summarize counts the shown findings; suppressed ones are counted apart.
func Summarize(res *scan.Result, min rule.Severity) Summary {
	s := Summary{FilesScanned: len(res.Files), BySeverity: map[string]int{}}
	failed := map[string]bool{}
	for _, d := range res.Errors {
		failed[d.Range.File] = true
	}
	s.FilesFailed = len(failed)
	for _, sev := range []rule.Severity{rule.Critical, rule.High, rule.Medium, rule.Low} {
		s.BySeverity[sev.String()] = 0
	}
	for _, f := range Shown(res, min) {
		if f.Suppression != nil {
			s.Suppressed++
			continue
		}
		s.Findings++
		s.BySeverity[f.Severity.String()]++
	}
	return s
}
