package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestThreatModel: the platform example's model in every format, from the
// same inputs as scan, exit 0; unreadable input exits 2.
func TestThreatModel(t *testing.T) {
	const dir = "../../examples/platform/terraform"
	code, out, stderr := run(t, "threatmodel", dir)
	if code != 0 || !strings.HasPrefix(out, "# Threat model") || !strings.Contains(out, "## Attack paths") ||
		!strings.Contains(out, "The internet → aws\\_sagemaker\\_notebook\\_instance.research → aws\\_iam\\_role.execution") {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	_, out, _ = run(t, "threatmodel", "-f", "json", dir)
	var doc struct {
		Version  string `json:"version"`
		Elements []struct {
			Name    string `json:"name"`
			Threats []struct {
				Threat, Status string
			} `json:"threats"`
		} `json:"elements"`
		Paths [][]string `json:"attack_paths"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.Version != "1" || len(doc.Paths) != 5 {
		t.Fatalf("json: %v %+v", err, doc)
	}
	tmp := t.TempDir()
	page := filepath.Join(tmp, "tm.html")
	if code, _, stderr := run(t, "threatmodel", "-f", "html", "-o", page, dir); code != 0 {
		t.Fatalf("html: exit %d %s", code, stderr)
	}
	if data, err := os.ReadFile(page); err != nil || !strings.Contains(string(data), "<svg") {
		t.Errorf("html: %v", err)
	}
	write(t, tmp, "bad/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n")
	if code, _, _ := run(t, "threatmodel", filepath.Join(tmp, "bad")); code != ExitError {
		t.Errorf("unreadable input: exit %d", code)
	}
	if code, _, stderr := run(t, "threatmodel", "-f", "text", dir); code != ExitError || !strings.Contains(stderr, "markdown") {
		t.Errorf("unknown format: exit %d %s", code, stderr)
	}
}
