package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mlguard/mlguard/internal/compliance"
	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/iampolicy"
	"github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
	_ "github.com/mlguard/mlguard/internal/rules/all"
	"github.com/mlguard/mlguard/internal/scan"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with the golden file testdata/name, rewriting it
// first with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run go test ./internal/report -update and review the diff:\n%s", file, got)
	}
}

// scanExample scans the insecure example plus a broken file, so that every
// report shows findings, a suppression and an input error.
func scanExample(t *testing.T) *scan.Result {
	t.Helper()
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS("testdata/input"), Root: ".", Prefix: "input"}},
		scan.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestGolden(t *testing.T) {
	res := scanExample(t)
	nist, err := compliance.Lookup(rule.NIST80053)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, format string
		opts         report.Options
	}{
		{"golden.text", "text", report.Options{}},
		{"golden.json", "json", report.Options{}},
		{"golden.sarif", "sarif", report.Options{}},
		{"golden.junit", "junit", report.Options{}},
		{"golden-nist-800-53.text", "text", report.Options{Compliance: &nist}},
		{"golden-compact.text", "text", report.Options{Compact: true}},
		{"golden-verbose.text", "text", report.Options{Verbose: true}},
		{"golden-nist-800-53.json", "json", report.Options{Compliance: &nist}},
		{"golden.html", "html", report.Options{}},
		{"golden-nist-800-53.html", "html", report.Options{Compliance: &nist}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			tc.opts.Version, tc.opts.MinSeverity = "test", rule.Low
			if err := report.Write(&buf, tc.format, res, tc.opts); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, buf.Bytes())
		})
	}
}

func TestGoldenShowsEverything(t *testing.T) {
	res := scanExample(t)
	if len(res.Errors) == 0 {
		t.Error("the report input should include an unreadable file")
	}
	suppressed := 0
	for _, f := range res.Findings {
		if f.Suppression != nil {
			suppressed++
		}
	}
	if suppressed == 0 || suppressed == len(res.Findings) {
		t.Errorf("want some but not all findings suppressed, got %d of %d", suppressed, len(res.Findings))
	}
}

// TestSARIFSchema validates the SARIF output against the official SARIF
// 2.1.0 JSON schema.
func TestSARIFSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := report.Write(&buf, "sarif", scanExample(t), report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	validSARIF(t, &buf)
}

// loadSchema compiles a JSON Schema of testdata.
func loadSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// validSARIF fails the test unless the document is valid SARIF 2.1.0.
func validSARIF(t *testing.T, sarif io.Reader) {
	t.Helper()
	schema := loadSchema(t, "testdata/sarif-2.1.0-rtm.5.json")
	inst, err := jsonschema.UnmarshalJSON(sarif)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("not valid SARIF 2.1.0: %v", err)
	}
}

// TestJSONContract checks the fields docs/json-output.md promises.
func TestJSONContract(t *testing.T) {
	var buf bytes.Buffer
	if err := report.Write(&buf, "json", scanExample(t), report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema_version", "tool", "summary", "findings", "files_scanned", "files_failed", "warnings"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("missing top-level %q", k)
		}
	}
	f := doc["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"rule_id", "title", "severity", "category", "resource", "resource_type", "file", "start_line", "end_line", "message", "remediation", "frameworks", "fingerprint"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding is missing %q", k)
		}
	}
	if !strings.Contains(buf.String(), `"suppression"`) {
		t.Error("suppressed findings must stay visible in JSON")
	}
}

func TestSeverityThreshold(t *testing.T) {
	res := scanExample(t)
	for _, f := range report.Shown(res, rule.High) {
		if f.Severity < rule.High {
			t.Errorf("%s shown below the threshold", f.RuleID)
		}
	}
	if len(report.Shown(res, rule.Critical)) >= len(report.Shown(res, rule.Low)) {
		t.Error("threshold did not filter")
	}
}

// TestTextEscapesControlCharacters: names and messages from scanned files
// cannot move the cursor, write the clipboard or forge a report line on a
// terminal; JSON keeps them exact.
func TestTextEscapesControlCharacters(t *testing.T) {
	hostile := "nb\x1b[2J\x1b]52;c;ZXZpbA==\x07\nCRITICAL FAKE-001 forged\u202e"
	res := &scan.Result{Findings: []rule.Finding{{RuleID: "AWS-SAGEMAKER-001", Title: "t", Severity: rule.High,
		Resource: hostile, File: "main\x1b.tf", StartLine: 1, Message: "message " + hostile, Remediation: "fix"}}}
	for _, opts := range []report.Options{{}, {Compact: true}, {Verbose: true}} {
		var buf bytes.Buffer
		if err := report.Write(&buf, "text", res, opts); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.ContainsAny(out, "\x1b\x07\u202e") || strings.Contains(out, "\nCRITICAL FAKE") || !strings.Contains(out, `nb\x1b[2J`) {
			t.Errorf("control characters reach the terminal:\n%q", out)
		}
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, "json", res, report.Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct {
			Resource string `json:"resource"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || doc.Findings[0].Resource != hostile {
		t.Errorf("JSON changed the resource name: %v %+v", err, doc)
	}
}

// TestJSONDocListsEverySourceFormat: docs/json-output.md names every
// source_format a finding can carry.
func TestJSONDocListsEverySourceFormat(t *testing.T) {
	doc, err := os.ReadFile("../../docs/json-output.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{terraform.FormatHCL, terraform.FormatPlan, terraform.FormatState, cloudformation.Format, arm.Format, kubernetes.Format, iampolicy.Format} {
		if !strings.Contains(string(doc), "`"+f+"`") {
			t.Errorf("docs/json-output.md does not list source_format %q", f)
		}
	}
}
