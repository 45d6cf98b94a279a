package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/dataclass"
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

// TestClassificationTiesToInfrastructure: what data scan --stored-at
// writes makes scan hold the bucket and the job that reads it to the
// personal-data rules, and so does data_classification in the settings;
// without either the bucket is judged by the general rules only. The bundled
// classes.json is what data scan writes today.
func TestClassificationTiesToInfrastructure(t *testing.T) {
	const infra = "../../examples/data-platform"
	tmp := t.TempDir()
	classes := filepath.Join(tmp, "classes.json")
	run(t, "data", "scan", "--stored-at", "s3://acme-ml-training-data/", "--classification-out", classes, "../../examples/data")
	locations := func(name string) string {
		var f dataclass.File
		data, err := os.ReadFile(name)
		if err != nil || json.Unmarshal(data, &f) != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var out []string
		for _, ds := range f.Datasets {
			out = append(out, ds.Location+" "+strings.Join(ds.InfoTypes, ","))
		}
		return strings.Join(out, "\n")
	}
	if got, bundled := locations(classes), locations(filepath.Join(infra, "classes.json")); got != bundled {
		t.Errorf("examples/data-platform/classes.json is stale; rewrite it with mlguard data scan --stored-at s3://acme-ml-training-data/ --classification-out examples/data-platform/classes.json examples/data\ngot\n%s\nbundled\n%s", got, bundled)
	}
	dataRules := func(args ...string) []string {
		_, out, stderr := run(t, append([]string{"scan", "-f", "json"}, args...)...)
		var doc struct {
			Findings []struct {
				Rule string `json:"rule_id"`
				Line int    `json:"start_line"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: %v %s", args, err, stderr)
		}
		var ids []string
		for _, f := range doc.Findings {
			if strings.HasPrefix(f.Rule, "AWS-DATA-") {
				ids = append(ids, fmt.Sprintf("%s:%d", f.Rule, f.Line))
			}
		}
		slices.Sort(ids)
		return ids
	}
	want := []string{"AWS-DATA-001:16", "AWS-DATA-003:7", "AWS-DATA-004:7", "AWS-DATA-005:32"}
	if got := dataRules("--data-classification", classes, infra); !slices.Equal(got, want) {
		t.Errorf("with --data-classification: %v, want %v", got, want)
	}
	if got := dataRules(infra); len(got) != 0 {
		t.Errorf("without a classification: %v", got)
	}
	write(t, tmp, "settings.yaml", "data_classification:\n  s3://acme-ml-training-data/support/: [PHONE_NUMBER]\n")
	if got := dataRules("--config", filepath.Join(tmp, "settings.yaml"), infra); !slices.Equal(got, want) {
		t.Errorf("with data_classification: %v, want %v", got, want)
	}
	// A classification that names no storage of the scan is said, not
	// silently without effect.
	write(t, tmp, "typo.yaml", "data_classification:\n  s3://acme-ml-training-dta/: personal\n")
	if _, out, _ := run(t, "scan", "-f", "json", "--config", filepath.Join(tmp, "typo.yaml"), infra); !strings.Contains(out, "Classification matched nothing") ||
		!strings.Contains(out, "s3://acme-ml-training-dta names no bucket") {
		t.Errorf("a classification matching nothing gives no warning: %s", out)
	}
	if _, out, _ := run(t, "scan", "-f", "json", "--data-classification", classes, infra); strings.Contains(out, "matched nothing") {
		t.Errorf("a classification that matched warns: %s", out)
	}
	write(t, tmp, "nolocation.json", `{"version":"1","datasets":[{"path":"a.csv","info_types":["US_SSN"]}]}`)
	if code, _, stderr := run(t, "scan", "--data-classification", filepath.Join(tmp, "nolocation.json"), infra); code != ExitFindings || !strings.Contains(stderr, "a.csv has no storage location") {
		t.Errorf("a dataset without a location: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "scan", "--data-classification", filepath.Join(tmp, "settings.yaml"), infra); code != ExitError || !strings.Contains(stderr, "not a classification file") {
		t.Errorf("not a classification file: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "data", "scan", "--stored-at", "acme", "--classification-out", classes, "../../examples/data"); code != ExitError || !strings.Contains(stderr, "want an s3://") {
		t.Errorf("--stored-at without a scheme: exit %d, %s", code, stderr)
	}
}

// TestClassificationByAddress: a resource: pattern classifies a bucket by
// its address, and the step that reads the bucket by name is judged too.
func TestClassificationByAddress(t *testing.T) {
	tmp := t.TempDir()
	write(t, tmp, "settings.yaml", "data_classification:\n  \"resource:aws_s3_bucket.train*\": personal\n")
	_, out, stderr := run(t, "scan", "-f", "json", "--config", filepath.Join(tmp, "settings.yaml"), "../../examples/data-platform")
	var doc struct {
		Findings []struct {
			Rule    string `json:"rule_id"`
			Message string `json:"message"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v %s", err, stderr)
	}
	var ids []string
	for _, f := range doc.Findings {
		if strings.HasPrefix(f.Rule, "AWS-DATA-") {
			ids = append(ids, f.Rule)
			if !strings.Contains(f.Message, "personal data under ") || !strings.Contains(f.Message, "(settings.yaml:2)") {
				t.Errorf("%s: %s", f.Rule, f.Message)
			}
		}
	}
	slices.Sort(ids)
	if want := []string{"AWS-DATA-001", "AWS-DATA-003", "AWS-DATA-004", "AWS-DATA-005"}; !slices.Equal(ids, want) {
		t.Errorf("got %v, want %v", ids, want)
	}
}
