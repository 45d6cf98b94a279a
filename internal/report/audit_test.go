package report_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

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
