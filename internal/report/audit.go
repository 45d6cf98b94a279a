package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/rule"
)

// textEvidence is how many evidence records the text report shows.
const textEvidence = 3

// AuditFormats are the formats `mlguard audit` writes.
var AuditFormats = []string{"text", "json", "sarif", "ocsf"}

// ActiveAlerts are the alerts at or above the threshold.
func ActiveAlerts(res *audit.Result, min rule.Severity) []audit.Alert {
	var out []audit.Alert
	for _, a := range res.Alerts {
		if a.Severity >= min {
			out = append(out, a)
		}
	}
	return out
}

// WriteAudit renders the result of `mlguard audit`.
func WriteAudit(w io.Writer, format string, res *audit.Result, opts Options) error {
	switch format {
	case "text":
		return auditText(w, res, opts)
	case "json":
		return auditJSON(w, res, opts)
	case "sarif":
		return auditSARIF(w, res, opts)
	case "ocsf":
		return auditOCSF(w, res, opts)
	}
	return fmt.Errorf("unknown format %q", format)
}

func auditText(w io.Writer, res *audit.Result, opts Options) error {
	t := &textWriter{w: w, color: opts.Color}
	alerts := ActiveAlerts(res, opts.MinSeverity)
	for _, a := range alerts {
		t.printf("%s %s  %s\n", t.paint(severityColor[a.Severity], fmt.Sprintf("%-8s", a.Severity)), t.paint(bold, a.Detector), a.Title)
		t.printf("           %s %s .. %s, %s, %s\n", t.paint(dim, "when:"), a.First.Format(time.RFC3339), a.Last.Format(time.RFC3339),
			Plural(a.Events, "event"), strings.Join(a.Techniques, " "))
		t.printf("           %s\n", wrap(Clean(a.Message), 6))
		if who := alertActor(a); who != "" {
			t.printf("           %s %s\n", t.paint(dim, "who:"), Clean(who))
		}
		for i, ev := range a.Evidence {
			if i == textEvidence {
				t.printf("           %s %d more (--format json lists %d)\n", t.paint(dim, "evidence:"), a.Events-textEvidence, len(a.Evidence))
				break
			}
			t.printf("           %s %s\n", t.paint(dim, "evidence:"), Clean(evidence(ev)))
		}
		t.printf("\n")
	}
	if len(res.Principals) > 0 {
		t.printf("%s\n", t.paint(bold, "By principal"))
		for _, p := range res.Principals {
			t.printf("  %-8s %s: %s (%s)\n", p.Highest, Clean(p.Principal), Plural(p.Alerts, "alert"), strings.Join(p.Detectors, ", "))
		}
		t.printf("\n")
	}
	if len(res.KeyUsage) > 0 {
		t.printf("%s\n", t.paint(bold, "Keys that protect ML data"))
		for _, k := range res.KeyUsage {
			t.printf("  %s\n", Clean(k.Key))
			for _, who := range sortedUsers(k.Principals) {
				mark := ""
				for _, f := range k.FirstSeen {
					if f == who {
						mark = "  (first seen)"
					}
				}
				t.printf("    %6d  %s%s\n", k.Principals[who], Clean(who), mark)
			}
		}
		t.printf("\n")
	}
	for _, c := range res.Coverage {
		if c.Note != "" {
			t.printf("%s %s: %s\n", t.paint(dim, "note:"), c.Detector, c.Note)
		}
	}
	if res.BaselineSpan < audit.MinHistory && res.Judged > 0 {
		t.printf("%s the baseline held %s when detection began, less than the %.0f hours needed to call anything new or unusual; "+
			"learn from older logs with --learn or --since, and keep it with --state\n", t.paint(dim, "note:"), history(res.BaselineSpan), audit.MinHistory.Hours())
	}
	for _, r := range res.Rejected {
		t.printf("%s %s:%d: %s\n", t.paint(severityColor[rule.High], "rejected:"), Clean(r.File), r.Line, Clean(r.Reason))
	}
	t.printf("\n%s (%s); records: %d read = %d analysed + %d rejected (%d learned, %d judged); %s\n",
		Plural(len(alerts), "alert"), severityCounts(alerts), res.Read, res.Analysed, len(res.Rejected), res.Learned, res.Judged, Plural(len(res.Files), "file"))
	return t.err
}

// alertActor names who acted and from where: the principal, the role
// sessions behind it (the people or jobs) and the source address.
func alertActor(a audit.Alert) string {
	out := a.Principal
	if len(a.Sessions) > 0 {
		out += " (session " + strings.Join(a.Sessions, ", ") + ")"
	}
	if a.SourceIP != "" {
		out += " from " + a.SourceIP
	}
	return out
}

func history(d time.Duration) string {
	if d <= 0 {
		return "no history"
	}
	return fmt.Sprintf("%.0f hours of history", d.Hours())
}

// evidence names a record: its file, its line when known, its event ID.
func evidence(s event.Source) string {
	out := s.File
	if s.Line > 0 {
		out += fmt.Sprintf(":%d", s.Line)
	}
	if s.ID != "" {
		out += " " + s.ID
	}
	return out
}

func severityCounts(as []audit.Alert) string {
	n := map[rule.Severity]int{}
	for _, a := range as {
		n[a.Severity]++
	}
	return fmt.Sprintf("%d critical, %d high, %d medium, %d low", n[rule.Critical], n[rule.High], n[rule.Medium], n[rule.Low])
}

func sortedUsers(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	// Busiest first, then by name.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (m[out[j]] > m[out[j-1]] || m[out[j]] == m[out[j-1]] && out[j] < out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// auditJSONVersion is the version of the audit JSON document.
const auditJSONVersion = "1.0"

func auditJSON(w io.Writer, res *audit.Result, opts Options) error {
	doc := struct {
		SchemaVersion string `json:"schema_version"`
		Tool          struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"tool"`
		Summary struct {
			Alerts     int            `json:"alerts"`
			BySeverity map[string]int `json:"by_severity"`
			Read       int            `json:"records_read"`
			Analysed   int            `json:"records_analysed"`
			Rejected   int            `json:"records_rejected"`
			Learned    int            `json:"records_learned"`
			Judged     int            `json:"records_judged"`
			Files      int            `json:"files"`
			Baseline   string         `json:"baseline_history"`
		} `json:"summary"`
		*audit.Result
	}{SchemaVersion: auditJSONVersion, Result: res}
	doc.Tool.Name, doc.Tool.Version = "mlguard", opts.Version
	alerts := ActiveAlerts(res, opts.MinSeverity)
	doc.Summary.Alerts, doc.Summary.BySeverity = len(alerts), map[string]int{}
	for _, s := range []rule.Severity{rule.Low, rule.Medium, rule.High, rule.Critical} {
		doc.Summary.BySeverity[s.String()] = 0
	}
	for _, a := range alerts {
		doc.Summary.BySeverity[a.Severity.String()]++
	}
	doc.Summary.Read, doc.Summary.Analysed, doc.Summary.Rejected = res.Read, res.Analysed, len(res.Rejected)
	doc.Summary.Learned, doc.Summary.Judged, doc.Summary.Files = res.Learned, res.Judged, len(res.Files)
	doc.Summary.Baseline = res.BaselineSpan.String()
	shown := *res
	shown.Alerts = alerts
	if shown.Alerts == nil {
		shown.Alerts = []audit.Alert{}
	}
	doc.Result = &shown
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

func auditSARIF(w io.Writer, res *audit.Result, opts Options) error {
	driver := sarifDriver{Name: "mlguard", Version: opts.Version, InformationURI: "https://github.com/mlguard/mlguard", Rules: []sarifRule{}}
	index := map[string]int{}
	for i, d := range audit.Detectors {
		index[d.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: d.ID, Name: toPascal(strings.ToLower(strings.ReplaceAll(d.Title, " ", "-"))),
			ShortDescription: sarifText{Text: d.Title}, FullDescription: sarifText{Text: d.Explanation},
			Help:                 sarifText{Text: d.Explanation, Markdown: "**Techniques:** " + strings.Join(d.Techniques, ", ") + "\n\n" + d.Explanation},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(d.Severity)},
			Properties:           sarifProperties{Tags: append([]string{"security", "threat-detection"}, d.Techniques...), SecuritySeverity: securitySeverity[d.Severity], Precision: "medium"},
		})
	}
	inv := sarifInvocation{ExecutionSuccessful: len(res.Rejected) == 0, Notifications: []sarifNotification{}}
	for _, r := range res.Rejected {
		inv.Notifications = append(inv.Notifications, notification("error", r.Reason, r.File, r.Line))
	}
	for _, c := range res.Coverage {
		if c.Note != "" {
			inv.Notifications = append(inv.Notifications, notification("note", c.Detector+": "+c.Note, "", 0))
		}
	}
	alerts := ActiveAlerts(res, opts.MinSeverity)
	results := make([]sarifResult, 0, len(alerts))
	for _, a := range alerts {
		sr := sarifResult{RuleID: a.Detector, RuleIndex: index[a.Detector], Level: sarifLevel(a.Severity),
			Message: sarifText{Text: a.Message}, PartialFingerprints: map[string]string{"mlguardAlert/v1": alertFingerprint(a)}}
		for _, ev := range a.Evidence {
			sr.Locations = append(sr.Locations, location1(ev.File, ev.Line, ev.Line, a.Principal))
		}
		if sr.Locations == nil {
			sr.Locations = []sarifLocation{}
		}
		results = append(results, sr)
	}
	data, err := json.Marshal(results)
	if err != nil {
		return err
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Invocations: []sarifInvocation{inv}, Results: data}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	return nil
}

// alertFingerprint identifies an alert across runs of the same logs.
func alertFingerprint(a audit.Alert) string {
	return fmt.Sprintf("%s/%s/%s/%s", a.Detector, a.Principal, a.Resource, a.First.UTC().Format(time.RFC3339))
}
