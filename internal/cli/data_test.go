package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDataScan: the example datasets are classified, every format keeps
// values redacted, exit codes follow scan's, and data.accept and
// --classification-out work.
func TestDataScan(t *testing.T) {
	const dir = "../../examples/data"
	code, text, stderr := run(t, "data", "scan", dir)
	if code != ExitFindings || !strings.Contains(text, "39 findings in 7 datasets (8 files, 280 records read)") {
		t.Fatalf("exit %d: %s%s", code, text, stderr)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "customers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// No value of the dataset appears in clear in any format.
	lines := strings.Split(string(raw), "\n")
	clear := strings.Split(lines[1], ",")[2] // the first email
	for _, format := range []string{"text", "json", "sarif"} {
		_, out, _ := run(t, "data", "scan", "-f", format, dir)
		if strings.Contains(out, clear) {
			t.Errorf("%s output holds %q in clear", format, clear)
		}
	}
	_, out, _ := run(t, "data", "scan", "-f", "json", dir)
	var doc struct {
		Findings []struct {
			Dataset  string `json:"dataset"`
			Column   string `json:"column"`
			Type     string `json:"info_type"`
			Class    bool   `json:"column_class"`
			Location struct {
				Line int `json:"line"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range doc.Findings {
		if strings.HasSuffix(f.Dataset, "customers.csv") && f.Column == "email" && f.Type == "EMAIL_ADDRESS" && f.Class && f.Location.Line == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no email column class at customers.csv:2 in %s", out)
	}

	tmp := t.TempDir()
	cfg := filepath.Join(tmp, "settings.yaml")
	write(t, tmp, "settings.yaml", "data:\n  accept:\n    - path: \"**/customers.csv\"\n      column: email\n      reason: contact list, consented\n")
	classes := filepath.Join(tmp, "classes.json")
	_, text, _ = run(t, "data", "scan", "--config", cfg, "--classification-out", classes, dir)
	if !strings.Contains(text, "38 findings") || !strings.Contains(text, "1 accepted") {
		t.Errorf("accept: %s", text)
	}
	c, err := os.ReadFile(classes)
	if err != nil || !strings.Contains(string(c), `"US_SSN"`) || !strings.Contains(string(c), "features.parquet") {
		t.Errorf("classification-out: %s %v", c, err)
	}
	write(t, tmp, "bad.yaml", "data:\n  accept:\n    - column: email\n")
	if code, _, stderr := run(t, "data", "scan", "--config", filepath.Join(tmp, "bad.yaml"), dir); code != ExitError || !strings.Contains(stderr, "needs a reason") {
		t.Errorf("an accept without a reason: exit %d %s", code, stderr)
	}

	// A file that cannot be read is exit 2; the others are still scanned.
	write(t, tmp, "ok.csv", "email\nada@example.com\n")
	write(t, tmp, "broken.csv.gz", "not gzip")
	code, text, _ = run(t, "data", "scan", tmp)
	if code != ExitError || !strings.Contains(text, "broken.csv.gz") || !strings.Contains(text, "EMAIL_ADDRESS") {
		t.Errorf("exit %d: %s", code, text)
	}
	if code, _, _ := run(t, "data", "scan", "--severity", "CRITICAL", filepath.Join(tmp, "ok.csv")); code != 0 {
		t.Errorf("nothing at CRITICAL: exit %d", code)
	}
}
