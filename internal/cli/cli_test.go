package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const notebook = `resource "aws_sagemaker_notebook_instance" "nb" {
  name          = "nb"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
}
`

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"findings", []string{"scan", "../../examples/aws-insecure"}, ExitFindings},
		{"hardened", []string{"scan", "../../examples/aws-hardened"}, ExitOK},
		{"hardened GCP", []string{"scan", "../../examples/gcp-hardened"}, ExitOK},
		{"hardened Azure, three forms", []string{"scan", "../../examples/azure-hardened"}, ExitOK},
		{"hardened Kubernetes and image", []string{"scan", "../../examples/kubernetes-hardened"}, ExitOK},
		{"insecure image", []string{"scan", "../../examples/kubernetes-insecure/Dockerfile"}, ExitFindings},
		{"threshold above findings", []string{"scan", "--severity", "CRITICAL", "../../examples/aws-insecure"}, ExitOK},
		{"bad severity", []string{"scan", "--severity", "SEVERE", "."}, ExitError},
		{"bad format", []string{"scan", "--format", "xml", "."}, ExitError},
		{"missing path", []string{"scan", "does-not-exist"}, ExitError},
		{"no args", []string{"scan"}, ExitError},
		{"unknown rule", []string{"rules", "show", "NOPE-001"}, ExitError},
		{"rules list", []string{"rules", "list"}, ExitOK},
		{"rule show", []string{"rules", "show", "aws-sagemaker-001"}, ExitOK},
		{"version", []string{"version"}, ExitOK},
		{"compliance", []string{"scan", "--compliance", "soc2", "../../examples/aws-hardened"}, ExitOK},
		{"compliance json", []string{"scan", "--compliance", "iso27001", "-f", "json", "../../examples/aws-insecure"}, ExitFindings},
		{"unknown framework", []string{"scan", "--compliance", "pci", "../../examples/aws-hardened"}, ExitError},
		{"compliance in sarif", []string{"scan", "--compliance", "soc2", "-f", "sarif", "../../examples/aws-hardened"}, ExitError},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, _, stderr := run(t, c.args...); got != c.want {
				t.Errorf("exit %d, want %d (%s)", got, c.want, stderr)
			}
		})
	}
}

func TestComplianceSummary(t *testing.T) {
	_, stdout, _ := run(t, "scan", "--compliance", "nist-csf", "../../examples/aws-insecure")
	for _, want := range []string{"Compliance: NIST Cybersecurity Framework 2.0", "FAIL PR.DS-01", "FAIL PR.IR-01"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestComplianceLeavesOutDisabledRules: a rule disabled in .mlguard.yaml
// did not check anything, so the controls only it maps to are not listed.
func TestComplianceLeavesOutDisabledRules(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", notebook)
	_, with, _ := run(t, "scan", "--compliance", "iso27001", "--format", "json", dir)
	write(t, dir, ".mlguard.yaml", "disabled_rules: [AWS-CLOUDTRAIL-001]\n")
	_, without, _ := run(t, "scan", "--compliance", "iso27001", "--format", "json", dir)
	// A.8.16 (monitoring activities) is mapped by AWS-CLOUDTRAIL-001 alone.
	if !strings.Contains(with, `"id": "A.8.16"`) || strings.Contains(without, `"id": "A.8.16"`) {
		t.Errorf("A.8.16 should be listed only while AWS-CLOUDTRAIL-001 runs")
	}
}

func TestUnreadableInputExits2AndStillScans(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ok/main.tf", notebook)
	write(t, dir, "bad/main.tf", "resource \"x\" \"y\" {\n  v = \n}\n")
	code, out, _ := run(t, "scan", "--format", "json", dir)
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	var doc struct {
		Findings    []map[string]any `json:"findings"`
		FilesFailed []map[string]any `json:"files_failed"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) == 0 || len(doc.FilesFailed) != 1 || doc.FilesFailed[0]["line"].(float64) != 2 {
		t.Errorf("want findings from ok/ and one failure at line 2, got %d findings, failures %v", len(doc.Findings), doc.FilesFailed)
	}
}

func TestInlineSuppression(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", "# mlguard:ignore AWS-SAGEMAKER-001,AWS-SAGEMAKER-002 sandbox\n"+notebook)
	_, out, _ := run(t, "scan", "--format", "json", dir)
	if !strings.Contains(out, `"reason": "sandbox"`) {
		t.Error("inline suppression not recorded")
	}
	_, out, _ = run(t, "scan", "--format", "json", "--no-inline-suppressions", dir)
	if strings.Contains(out, `"suppression"`) {
		t.Error("--no-inline-suppressions still suppressed")
	}
	write(t, dir, "expired.tf", strings.Replace("# mlguard:ignore AWS-SAGEMAKER-001 exp:2000-01-01 old\n"+notebook, `"nb"`, `"old"`, 1))
	_, out, _ = run(t, "scan", "--format", "json", dir)
	if strings.Contains(out, `"reason": "old"`) {
		t.Error("expired suppression applied")
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", notebook)
	write(t, dir, "legacy/main.tf", strings.Replace(notebook, `"nb"`, `"legacy"`, 1))
	write(t, dir, ".mlguard.yaml", `disabled_rules: [AWS-SAGEMAKER-005]
exclude_paths: ["legacy/**"]
severity_overrides: {AWS-SAGEMAKER-003: LOW}
inline_suppressions: false
ignore:
  - rule: AWS-SAGEMAKER-004
    resource: aws_sagemaker_notebook_instance.*
    reason: accepted until the VPC exists
    expires: 2999-01-01
`)
	_, out, stderr := run(t, "scan", "--format", "json", dir)
	switch {
	case strings.Contains(out, "AWS-SAGEMAKER-005"):
		t.Error("disabled rule ran")
	case strings.Contains(out, "legacy"):
		t.Error("excluded path scanned")
	case !strings.Contains(out, "accepted until the VPC exists"):
		t.Errorf("config ignore not applied: %s %s", out, stderr)
	}
	write(t, dir, ".mlguard.yaml", "disabled_rule: [typo]\n")
	if code, _, _ := run(t, "scan", dir); code != ExitError {
		t.Error("a config with an unknown key must be refused")
	}
}

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", notebook)
	base := filepath.Join(t.TempDir(), "baseline.json")
	// A baseline that does not exist is an error, not a green build: a
	// typo in CI would otherwise record every finding and pass.
	if code, _, stderr := run(t, "scan", "--baseline", base, dir); code != ExitError || !strings.Contains(stderr, "--create-baseline") {
		t.Errorf("missing baseline: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(base); err == nil {
		t.Error("a missing baseline was written")
	}
	code, _, stderr := run(t, "scan", "--create-baseline", "--baseline", base, dir)
	if code != ExitOK || !strings.Contains(stderr, "baseline written to "+base+" (5 findings)") {
		t.Errorf("creating a baseline should record everything and exit 0, got %d, stderr %q", code, stderr)
	}
	// Moving the resource down does not make its findings new.
	write(t, dir, "main.tf", "\n\n\n"+notebook)
	if code, _, _ := run(t, "scan", "--baseline", base, dir); code != ExitOK {
		t.Errorf("moved resource reported as new: exit %d", code)
	}
	write(t, dir, "new.tf", strings.Replace(notebook, `"nb"`, `"other"`, 1))
	code, out, _ := run(t, "scan", "--baseline", base, "--format", "json", dir)
	if code != ExitFindings || !strings.Contains(out, "aws_sagemaker_notebook_instance.other") {
		t.Errorf("new finding not reported: exit %d", code)
	}
}

func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.sarif")
	run(t, "scan", "--format", "sarif", "--output", out, "../../examples/aws-insecure")
	data, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(data, []byte(`"version": "2.1.0"`)) {
		t.Errorf("no SARIF written: %v", err)
	}
}

// TestComplianceCountsTemplateResources: a control whose rule is declared on
// Terraform types passes (is not "not applicable") on the same resource read
// from CloudFormation or awscc.
func TestComplianceCountsTemplateResources(t *testing.T) {
	for _, fixture := range []string{"pass.cfn.yaml", "pass.awscc"} {
		_, out, stderr := run(t, "scan", "--compliance", "aws-fsbp", "-f", "json",
			"../rules/aws/opensearch/testdata/AWS-OPENSEARCH-002/"+fixture)
		var res struct {
			Compliance struct {
				Controls []struct{ ID, Status string }
			}
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%s: %v (%s)", fixture, err, stderr)
		}
		i := slices.IndexFunc(res.Compliance.Controls, func(c struct{ ID, Status string }) bool { return c.ID == "Opensearch.1" })
		if i < 0 || res.Compliance.Controls[i].Status != "pass" {
			t.Errorf("%s: Opensearch.1 %+v, want pass", fixture, res.Compliance.Controls)
		}
	}
}
