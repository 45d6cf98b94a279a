package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAuditCompile(t *testing.T) {
	code, out, _ := run(t, "audit", "compile", "--target", "athena")
	if code != 0 || !strings.Contains(out, "-- ==> tables.sql <==") || !strings.Contains(out, "CREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail") ||
		strings.Count(out, "-- ==> audit-") != 16 || !strings.Contains(out, "'AUDIT-EXFIL-001' AS detector") {
		t.Errorf("athena: exit %d\n%.600s", code, out)
	}
	code, out, _ = run(t, "audit", "compile", "--target", "kql", "--detector", "AUDIT-CRED-001", "--known-cidr", "203.0.113.0/24")
	if code != 0 || strings.Count(out, "==> ") != 2 || !strings.Contains(out, `dynamic(["203.0.113.0/24"])`) || !strings.Contains(out, "queryPeriod: 14d") {
		t.Errorf("kql: exit %d\n%s", code, out)
	}
	// The files the detectors share stay: Splunk's searches read the lookups.
	code, out, _ = run(t, "audit", "compile", "--target", "splunk", "--detector", "audit-exfil-001,AUDIT-EVASION-001")
	if got := strings.Count(out, "# ==> "); code != 0 || got != 4 || !strings.Contains(out, "==> lookups.conf <==") || !strings.Contains(out, "==> macros.conf <==") {
		t.Errorf("splunk --detector: exit %d, %d files\n%.400s", code, got, out)
	}
	code, out, _ = run(t, "audit", "compile", "--target", "sigma", "--detector", "AUDIT-EVASION-001")
	if got := strings.Count(out, "# ==> "); code != 0 || got != 4 || !strings.Contains(out, "==> README.md <==") {
		t.Errorf("sigma --detector: exit %d, %d files (README and the three clouds' rules)\n%.400s", code, got, out)
	}
	dir := filepath.Join(t.TempDir(), "sigma")
	code, _, errOut := run(t, "audit", "compile", "--target", "sigma", "-o", dir)
	entries, _ := os.ReadDir(dir)
	if code != 0 || len(entries) != 20 || !strings.Contains(errOut, "wrote 20 files for sigma") {
		t.Errorf("sigma -o: exit %d, %d files, %s", code, len(entries), errOut)
	}
	code, out, _ = run(t, "audit", "compile", "--target", "duckdb", "--logs", "/data/logs", "--since", "2026-11-20", "--until", "2026-11-21")
	if code != 0 || !strings.Contains(out, "'/data/logs/**/CloudTrail/*/*/*/*/*.json.gz'") || !strings.Contains(out, "TIMESTAMP '2026-11-20 00:00:00.000000'") {
		t.Errorf("duckdb: exit %d\n%.400s", code, out)
	}
	for _, args := range [][]string{
		{"audit", "compile"},
		{"audit", "compile", "--target", "oracle"},
		{"audit", "compile", "--target", "athena", "--since", "yesterday"},
		{"audit", "compile", "--target", "athena", "--until", "2026-11-21"},
		{"audit", "compile", "--target", "athena", "--since", "2026-11-21", "--until", "2026-11-20"},
		{"audit", "compile", "--target", "athena", "--known-cidr", "2001:db8::/32"},
		{"audit", "compile", "--target", "kql", "--learn-days", "30"},
		{"audit", "compile", "--target", "splunk", "--detector", "AUDIT-NOPE-001"},
	} {
		if code, _, errOut := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}

// TestAuditFlowLogs: flow logs judged by the ML subnets of the example's
// Terraform and a training subnet named on the command line.
func TestAuditFlowLogs(t *testing.T) {
	code, out, errOut := run(t, "audit", "--iac", "../../examples/audit-network/iac", "--ml-subnet", "training=10.20.3.0/24",
		"-f", "json", "../../examples/audit-network/logs")
	var doc struct {
		Alerts []struct{ Detector string }
	}
	err := json.Unmarshal([]byte(out), &doc)
	if code != 1 || err != nil || len(doc.Alerts) != 5 || errOut != "" {
		t.Errorf("exit %d, %v, %+v, stderr %q", code, err, doc.Alerts, errOut)
	}
	// A CloudWatch Logs export of a custom format has no header: the
	// format is given.
	flows := filepath.Join(t.TempDir(), "export.log")
	os.WriteFile(flows, []byte("5 10.20.3.7 198.51.100.9 40000 443 1795168800 1795168860 ACCEPT 8\n"), 0o644)
	code, out, errOut = run(t, "audit", "--ml-subnet", "training=10.20.3.0/24", "--flow-format",
		"${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${start} ${end} ${action} ${traffic-path}", flows)
	if code != 1 || !strings.Contains(out, "AUDIT-NET-001") || !strings.Contains(out, "who: 10.20.3.7 from 10.20.3.7") {
		t.Errorf("--flow-format: exit %d\n%s%s", code, out, errOut)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }`), 0o644)
	for _, args := range [][]string{
		{"audit", "--ml-subnet", "gpu=10.0.0.0/8", "../../examples/audit-network/logs"},
		{"audit", "--vpc-cidr", "10.0.0.0", "--ml-subnet", "10.0.0.0/24", "../../examples/audit-network/logs"},
		{"audit", "--iac", dir, "../../examples/audit-network/logs"},
		{"audit", "--iac", filepath.Join(dir, "missing"), "../../examples/audit-network/logs"},
		{"audit", "--ml-subnet", "10.0.0.0/24", "--flow-format", "${version} ${colour}", "../../examples/audit-network/logs"},
	} {
		if code, _, errOut := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}
