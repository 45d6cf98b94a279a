package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/mlguard/mlguard/internal/scan"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitMessage `xml:"failure"`
	Error     *junitMessage `xml:"error"`
	Skipped   *junitMessage `xml:"skipped"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes one test case per finding (failed, or skipped when
// suppressed), one per rule that found nothing (passed), and one per input
// that could not be read (error).
func writeJUnit(w io.Writer, res *scan.Result, opts Options) error {
	suite := junitSuite{Name: "mlguard"}
	fired := map[string]bool{}
	for _, f := range Shown(res, opts.MinSeverity) {
		fired[f.RuleID] = true
		c := junitCase{Name: fmt.Sprintf("%s %s", f.RuleID, f.Resource), Classname: f.RuleID, File: f.File, Line: f.StartLine}
		if f.Suppression != nil {
			c.Skipped = &junitMessage{Message: f.Suppression.Kind + ": " + f.Suppression.Reason}
			suite.Skipped++
		} else {
			c.Failure = &junitMessage{Message: f.Title, Type: f.Severity.String(),
				Text: fmt.Sprintf("%s\n%s:%d\n%s\nFix: %s", f.Message, f.File, f.StartLine, f.Resource, f.Remediation)}
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
	}
	for _, r := range res.Rules {
		if !fired[r.ID] && res.Ran[r.ID] && r.Severity >= opts.MinSeverity { // a rule that did not run passed nothing
			suite.Cases = append(suite.Cases, junitCase{Name: r.ID + " " + r.Title, Classname: r.ID})
		}
	}
	for _, d := range res.Errors {
		suite.Cases = append(suite.Cases, junitCase{Name: "read " + d.Range.File, Classname: "mlguard.input", File: d.Range.File, Line: d.Range.StartLine,
			Error: &junitMessage{Message: d.Summary, Text: d.Error()}})
		suite.Errors++
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "mlguard " + opts.Version, Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Skipped: suite.Skipped, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
