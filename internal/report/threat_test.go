package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mlguard/mlguard/internal/browsertest"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/threat"
)

// threatExample models the golden input (the insecure AWS example and a
// broken file).
func threatExample(t *testing.T) *threat.Model {
	t.Helper()
	units := &threat.Units{}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS("testdata/input"), Root: ".", Prefix: "input"}},
		scan.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), OnInput: units.Add})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := threat.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return threat.Build(units.List(), res, cat)
}

func TestThreatGolden(t *testing.T) {
	tm := threatExample(t)
	for _, c := range []struct{ name, format string }{{"threat.golden.md", "markdown"}, {"threat.golden.json", "json"}} {
		var buf bytes.Buffer
		if err := report.WriteThreatModel(context.Background(), &buf, c.format, tm, report.Options{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		golden(t, c.name, buf.Bytes())
	}
}

// TestThreatHTMLHostile: names from scanned files stay text in the page
// and in the diagram Graphviz draws.
func TestThreatHTMLHostile(t *testing.T) {
	tm := &threat.Model{Version: threat.SchemaVersion,
		Boundaries: []*threat.Boundary{{ID: "b1", Name: "account " + hostile, Kind: "account"}},
		Elements: []*threat.Element{
			{ID: "e1", Name: "aws_s3_bucket." + hostile, Kind: threat.Store, Class: "data-store", Boundary: "b1",
				Threats: []threat.Assessment{{Threat: "TM-002", Status: threat.Open, Severity: rule.High, Why: hostile,
					Findings: []threat.FindingRef{{Rule: "AWS-S3-003", Severity: rule.Critical, File: hostile, Line: 1, Message: hostile}}}}},
			{ID: "e2", Name: "The internet", Kind: threat.External, Class: "internet", Boundary: "b1"},
		},
		Flows:   []*threat.Flow{{From: "e2", To: "e1", Label: "reaches " + hostile, Attack: true}},
		Paths:   [][]string{{"e2", "e1"}},
		Threats: []threat.Threat{{ID: "TM-002", Title: "t " + hostile, STRIDE: "tampering", Severity: rule.High}},
	}
	for _, format := range report.ThreatFormats {
		var buf bytes.Buffer
		if err := report.WriteThreatModel(context.Background(), &buf, format, tm, report.Options{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		if format == "json" {
			// JSON keeps text exact: a reader of the document escapes it.
			var doc threat.Model
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || doc.Elements[0].Name != "aws_s3_bucket."+hostile {
				t.Errorf("json: %v %+v", err, doc.Elements)
			}
			continue
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s holds %q unescaped", format, bad)
			}
		}
		if format == "html" {
			checkWellFormed(t, page, 1)
		}
	}
}

// TestThreatHTMLWithoutGraphviz: without dot the page still holds every
// table, and says why it has no diagram.
func TestThreatHTMLWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	tm := threatExample(t)
	var buf bytes.Buffer
	if err := report.WriteThreatModel(context.Background(), &buf, "html", tm, report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "<svg") || !strings.Contains(page, "apt-get install graphviz") || !strings.Contains(page, `<table id="elements">`) {
		t.Errorf("a page without Graphviz: %d bytes", len(page))
	}
	checkWellFormed(t, page, 1)
}

// TestThreatHTMLInBrowser opens the threat model of the golden input in
// headless Chromium: no error and no request, the diagram has a node per
// element and a frame per boundary, a STRIDE filter and a click on a node
// change the rows shown as they should, and a screenshot is written.
func TestThreatHTMLInBrowser(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("no Graphviz dot on this machine (apt-get install graphviz; .ci/run does)")
	}
	tm := threatExample(t)
	var buf bytes.Buffer
	if err := report.WriteThreatModel(context.Background(), &buf, "html", tm, report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "threatmodel.html")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, tampering, first := 0, 0, 0
	for _, e := range tm.Elements {
		for _, a := range e.Threats {
			rows++
			if e.ID == tm.Elements[0].ID {
				first++
			}
			for _, th := range tm.Threats {
				if th.ID == a.Threat && th.STRIDE == "tampering" {
					tampering++
				}
			}
		}
	}
	if tampering == 0 || tampering == rows || first == 0 {
		t.Fatalf("the example needs tampering threats and others: %d of %d, %d on the first element", tampering, rows, first)
	}
	p := browsertest.Open(t, file)
	count := func(sel string) int {
		return browsertest.Eval[int](p, `document.querySelectorAll("`+sel+`").length`)
	}
	if got := count("svg g.node"); got != len(tm.Elements) {
		t.Errorf("%d nodes drawn, want %d", got, len(tm.Elements))
	}
	if got := count("svg g.cluster"); got != len(tm.Boundaries) {
		t.Errorf("%d boundaries drawn, want %d", got, len(tm.Boundaries))
	}
	if got := count("svg g.edge.attack"); got == 0 && len(tm.Paths) > 0 {
		t.Errorf("no attack path drawn")
	}
	if got := count("tr.threat:not([hidden])"); got != rows {
		t.Errorf("%d rows at first, want %d", got, rows)
	}
	p.Do(chromedp.SetValue(chromedp.ID("stride-filter"), "tampering"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("stride-filter").dispatchEvent(new Event("change", {bubbles: true}))`))
	if got := count("tr.threat:not([hidden])"); got != tampering {
		t.Errorf("%d rows for tampering, want %d", got, tampering)
	}
	p.Do(chromedp.SetValue(chromedp.ID("stride-filter"), ""),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("stride-filter").dispatchEvent(new Event("change", {bubbles: true}))`),
		chromedp.Click(chromedp.CSS("#node-"+tm.Elements[0].ID)))
	if got := count("tr.threat:not([hidden])"); got != first {
		t.Errorf("%d rows after selecting %s in the diagram, want %d", got, tm.Elements[0].Name, first)
	}
	p.Quiet()
	t.Logf("screenshot: %s", p.Screenshot("threat-model.png"))
}
