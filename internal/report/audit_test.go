package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/report"
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
		golden := filepath.Join("testdata", "audit.golden."+format)
		if *update {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs from %s (run go test ./internal/report -update):\n%s", format, golden, buf.String())
		}
	}
}

func TestAuditSARIFSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteAudit(&buf, "sarif", auditExample(t), report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	validSARIF(t, &buf)
}
