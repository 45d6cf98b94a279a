package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGuardrailCommands(t *testing.T) {
	out := t.TempDir()
	spec := filepath.Join(t.TempDir(), "g.yaml")
	write(t, filepath.Dir(spec), "g.yaml", "version: 1\nguardrails:\n  notebook-no-root: {}\n")
	bad := filepath.Join(filepath.Dir(spec), "bad.yaml")
	write(t, filepath.Dir(spec), "bad.yaml", "version: 1\nguardrails:\n  notebook-root: {}\n")
	const trail = "../../examples/guardrails/trail"
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"scp", []string{"guardrails", "compile", "--target", "aws-scp", "--out-dir", out}, ExitOK, "wrote " + filepath.Join(out, "mlguard-ml-guardrails-1.json")},
		{"scp text", []string{"guardrails", "compile", "--target", "aws-scp"}, ExitOK, "DenyNotebookDirectInternet"},
		{"scp json", []string{"guardrails", "compile", "--target", "aws-scp", "-f", "JSON"}, ExitOK, `"policies"`},
		{"org policy", []string{"guardrails", "compile", "--target", "gcp-org-policy"}, ExitOK, "ainotebooks.disableRootAccess"},
		{"azure", []string{"guardrails", "compile", "--target", "azure-policy"}, ExitOK, "enableNodePublicIP"},
		{"own spec", []string{"guardrails", "compile", "--target", "aws-scp", "--spec", spec}, ExitOK, "DenyNotebookRootOnUpdate"},
		{"misspelt guardrail", []string{"guardrails", "compile", "--target", "aws-scp", "--spec", bad}, ExitError, "line 3: unknown key notebook-root"},
		{"no target", []string{"guardrails", "compile"}, ExitError, "--target"},
		{"default spec", []string{"guardrails", "spec"}, ExitOK, "exempt_principals"},
		{"replay, no gaps", []string{"guardrails", "replay", "--scp", filepath.Join(out, "mlguard-ml-guardrails-1.json"), trail}, ExitOK, "5 blocked, 0 gaps, 0 over-blocked, 5 passed"},
		{"replay, gaps", []string{"guardrails", "replay", "--scp", "../../examples/guardrails/scps/hand-written.json", trail}, ExitFindings, "0 blocked, 5 gaps, 1 over-blocked, 4 passed"},
		{"replay json", []string{"guardrails", "replay", "-f", "json", "--scp", "../../examples/guardrails/scps/hand-written.json", trail}, ExitFindings, `"gap": 5`},
		{"replay without scp", []string{"guardrails", "replay", trail}, ExitError, "--scp"},
		{"replay, trailing slash", []string{"guardrails", "replay", "--scp", "../../examples/guardrails/scps/hand-written.json", trail + "/"}, ExitFindings, "0 blocked, 5 gaps"},
		{"replay, dot-dot", []string{"guardrails", "replay", "--scp", "../../examples/guardrails/scps/hand-written.json", trail + "/../trail/."}, ExitFindings, "0 blocked, 5 gaps"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			if code != c.code || !strings.Contains(stdout+stderr, c.want) {
				t.Errorf("exit %d, want %d, and %q in: %s%s", code, c.code, c.want, stdout, stderr)
			}
			// Warnings go to standard error only, so the output is the
			// policies and nothing else.
			if strings.Contains(stdout, "warning:") {
				t.Errorf("warnings on standard output: %s", stdout)
			}
		})
	}
	_, stdout, stderr := run(t, "guardrails", "compile", "--target", "aws-scp", "--out-dir", out)
	if strings.Contains(stdout, "Deny") || !strings.Contains(stderr, "warning: approved-regions") {
		t.Errorf("--out-dir prints the files written, warnings on stderr; got stdout %q, stderr %q", stdout, stderr)
	}
	file := filepath.Join(t.TempDir(), "scps.json")
	if code, stdout, _ := run(t, "guardrails", "compile", "--target", "aws-scp", "-f", "json", "-o", file); code != ExitOK || stdout != "" {
		t.Errorf("-o: exit %d, stdout %q", code, stdout)
	}
	if data, err := os.ReadFile(file); err != nil || !strings.Contains(string(data), `"policies"`) {
		t.Errorf("-o wrote no report: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(out, "mlguard-ml-guardrails-1.json"))
	if err != nil || strings.Contains(string(data), "\n  ") {
		t.Errorf("the SCP file must be written minified: %v", err)
	}
}
