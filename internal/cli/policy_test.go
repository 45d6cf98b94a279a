package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

const policies = "../../examples/policies"

// customIDs returns the ORG- rule IDs of a JSON report's active findings.
func customIDs(t *testing.T, out string) []string {
	t.Helper()
	var rep struct {
		Findings []struct {
			RuleID      string          `json:"rule_id"`
			Resource    string          `json:"resource"`
			Suppression json.RawMessage `json:"suppression"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var ids []string
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.RuleID, "ORG-") && len(f.Suppression) == 0 {
			ids = append(ids, f.RuleID+" "+f.Resource)
		}
	}
	return ids
}

// TestCustomPoliciesFlowLikeBuiltIns: custom findings are suppressed,
// disabled, re-rated and baselined like built-in ones.
func TestCustomPoliciesFlowLikeBuiltIns(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", notebook)
	_, out, stderr := run(t, "scan", "-f", "json", "--policy", policies, dir)
	if got := strings.Join(customIDs(t, out), ","); got != "ORG-SAGEMAKER-001 aws_sagemaker_notebook_instance.nb" {
		t.Fatalf("custom findings %q (%s)", got, stderr)
	}
	write(t, dir, "main.tf", "# mlguard:ignore ORG-SAGEMAKER-001 sandbox\n"+notebook)
	if _, out, _ = run(t, "scan", "-f", "json", "--policy", policies, dir); len(customIDs(t, out)) != 0 {
		t.Error("inline suppression of a custom rule not applied")
	}
	write(t, dir, "main.tf", notebook)
	write(t, dir, ".mlguard.yaml", "disabled_rules: [ORG-SAGEMAKER-001]\n")
	if _, out, _ = run(t, "scan", "-f", "json", "--policy", policies, dir); len(customIDs(t, out)) != 0 {
		t.Error("disabled custom rule ran")
	}
	write(t, dir, ".mlguard.yaml", "severity_overrides: {ORG-SAGEMAKER-001: CRITICAL}\n")
	if code, _, _ := run(t, "scan", "--severity", "CRITICAL", "--policy", policies, dir); code != ExitFindings {
		t.Errorf("severity override of a custom rule not applied: exit %d", code)
	}
	base := filepath.Join(t.TempDir(), "baseline.json")
	run(t, "scan", "--create-baseline", "--baseline", base, "--policy", policies, dir)
	if code, _, _ := run(t, "scan", "--baseline", base, "--policy", policies, dir); code != ExitOK {
		t.Errorf("baselined custom finding reported again: exit %d", code)
	}
}

func TestPolicyCommands(t *testing.T) {
	bad := t.TempDir()
	write(t, bad, "a.rego", "package a\n\nimport rego.v1\n\ndeny contains 1 if {\n\ty == 1\n}\n")
	failing := t.TempDir()
	write(t, failing, "a_test.rego", "package a_test\n\nimport rego.v1\n\ntest_wrong if 1 == 2\n")
	write(t, failing, "lib.rego", "package helpers\n\nimport rego.v1\n\nx := 1\n")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"tests pass", []string{"policy", "test", policies}, ExitOK, "17 tests, 17 passed, 0 failed"},
		{"tests json", []string{"policy", "test", "-f", "json", policies}, ExitOK, `"failed": 0`},
		{"a test fails", []string{"policy", "test", failing}, ExitFindings, "FAIL  a_test.test_wrong"},
		{"compile error", []string{"policy", "test", bad}, ExitError, filepath.Join(bad, "a.rego") + ":6: var y is unsafe"},
		{"scan with a bad policy", []string{"scan", "--policy", bad, "../../examples/aws-hardened"}, ExitError, "a.rego:6: var y is unsafe"},
		{"twice the same policies", []string{"scan", "--policy", policies, "--policy", policies, "../../examples/aws-hardened"}, ExitError, "is declared in ../../examples/policies and in"},
		{"one policy file", []string{"scan", "--policy", filepath.Join(policies, "managed_keys.rego"), "../../examples/aws-hardened"}, ExitOK, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := run(t, c.args...)
			if code != c.code || !strings.Contains(out+stderr, c.want) {
				t.Errorf("exit %d, want %d; output %s%s", code, c.code, out, stderr)
			}
		})
	}
}

func TestDumpInput(t *testing.T) {
	code, out, stderr := run(t, "scan", "--dump-input", "../../examples/aws-insecure", "../../examples/iam/model-bucket-policy.json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var dump struct {
		Units []struct {
			Unit  string `json:"unit"`
			Input struct {
				AWS map[string][]map[string]any `json:"aws"`
			} `json:"input"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &dump); err != nil {
		t.Fatal(err)
	}
	if len(dump.Units) != 2 {
		t.Fatalf("%d units", len(dump.Units))
	}
	nb := dump.Units[0].Input.AWS["notebook_instances"]
	if len(nb) != 1 || nb[0]["address"] != "aws_sagemaker_notebook_instance.research" {
		t.Errorf("notebooks %v", nb)
	}
	if dump.Units[1].Input.AWS["policy_files"] == nil {
		t.Errorf("policy file unit %+v", dump.Units[1])
	}
}
