package report_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
)

// auditExample runs every detector on the hand-written example logs.
func auditExample(t *testing.T) *audit.Result {
	t.Helper()
	res, err := audit.Run(context.Background(), []audit.Input{{FS: os.DirFS("../../examples/audit"), Root: ".", Prefix: "audit"}}, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestAuditGolden(t *testing.T) {
	res := auditExample(t)
	for _, format := range report.AuditFormats {
		var buf bytes.Buffer
		if err := report.WriteAudit(&buf, format, res, report.Options{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		golden(t, "audit.golden."+format, buf.Bytes())
	}
}

func TestAuditSARIFSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteAudit(&buf, "sarif", auditExample(t), report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	validSARIF(t, &buf)
}

// TestAuditTextEscapes: log fields cannot drive the terminal.
func TestAuditTextEscapes(t *testing.T) {
	res := &audit.Result{Alerts: []audit.Alert{{Detector: "AUDIT-EXFIL-001", Severity: rule.High,
		Principal: "evil\x1b[2J", Message: "read\nCRITICAL forged", Events: 1,
		Evidence: []event.Source{{File: "log\x07.json", Line: 1}}}},
		Principals: []audit.PrincipalSummary{{Principal: "evil\x1b[2J", Alerts: 1}}}
	var buf bytes.Buffer
	if err := report.WriteAudit(&buf, "text", res, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); strings.ContainsAny(out, "\x1b\x07") || strings.Contains(out, "\nCRITICAL forged") {
		t.Errorf("control characters reach the terminal:\n%q", out)
	}
}

// TestAuditOCSFSchema: every alert is an OCSF 1.3.0 Detection Finding, valid
// against the schema derived from OCSF's own definitions (testdata/ocsf).
func TestAuditOCSFSchema(t *testing.T) {
	var buf bytes.Buffer
	res := auditExample(t)
	if err := report.WriteAudit(&buf, "ocsf", res, report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	schema := loadSchema(t, "testdata/ocsf/detection_finding-1.3.0.schema.json")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(res.Alerts) || len(lines) == 0 {
		t.Fatalf("%d findings for %d alerts", len(lines), len(res.Alerts))
	}
	for i, line := range lines {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("finding %d is not a valid OCSF Detection Finding: %v", i, err)
		}
	}
	// The schema catches what it should: a finding without its class.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(lines[0], `"class_uid":2004`, `"class_uid":2001`, 1)))
	if schema.Validate(bad) == nil {
		t.Error("a Security Finding class passed as a Detection Finding")
	}
	bad, _ = jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(lines[0], `"count"`, `"counts"`, 1)))
	if schema.Validate(bad) == nil {
		t.Error("an attribute OCSF does not define passed")
	}
}
