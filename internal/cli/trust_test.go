package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestNothingReadIsNotGreen: a scan that read nothing does not pass.
func TestNothingReadIsNotGreen(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "empty/.keep", "")
	write(t, dir, "code/train.py", "print('hello')\n")
	write(t, dir, "code/config.json", `{"epochs": 3}`)
	write(t, dir, "policy.json", `{"Version": "2012-10-17", "Statment": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	write(t, dir, "logs/notes.txt", "nothing here\n")
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"empty directory", []string{"scan", filepath.Join(dir, "empty")}, ExitError, "nothing to scan"},
		{"empty directory allowed", []string{"scan", "--allow-empty", filepath.Join(dir, "empty")}, ExitOK, ""},
		{"no IaC", []string{"scan", filepath.Join(dir, "code")}, ExitError, "nothing to scan"},
		{"named python file", []string{"scan", filepath.Join(dir, "code/train.py")}, ExitError, ""},
		{"named JSON that is nothing", []string{"scan", "-f", "json", filepath.Join(dir, "code/config.json")}, ExitError, "1 input could not be read"},
		{"misspelt Statement", []string{"iam", "analyze", filepath.Join(dir, "policy.json")}, ExitError, ""},
		{"audit of no records", []string{"audit", filepath.Join(dir, "logs")}, ExitError, "no log record"},
		{"audit of no records allowed", []string{"audit", "--allow-empty", filepath.Join(dir, "logs")}, ExitOK, ""},
		{"one empty target among others", []string{"scan", filepath.Join(dir, "empty"), "../../examples/aws-hardened"}, ExitOK, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := run(t, c.args...)
			if code != c.code || !strings.Contains(stderr, c.stderr) {
				t.Errorf("exit %d, want %d; stderr %q, want %q in it", code, c.code, stderr, c.stderr)
			}
		})
	}
	_, out, _ := run(t, "iam", "analyze", filepath.Join(dir, "policy.json"))
	if !strings.Contains(out, "no Statement member") {
		t.Errorf("the misspelt policy is not explained:\n%s", out)
	}
	_, out, _ = run(t, "scan", filepath.Join(dir, "empty"), "../../examples/aws-hardened")
	if !strings.Contains(out, "Nothing to scan") {
		t.Errorf("the empty target is not warned about:\n%s", out)
	}
}

// TestSuppressionsThatDoNothingWarn: settings and comments naming rules
// that do not exist, and expired ones, are warnings with file and line.
func TestSuppressionsThatDoNothingWarn(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", "# mlguard:ignore AWS-SAGEMAKER-999 typo\n"+
		"# mlguard:ignore AWS-SAGEMAKER-001 exp:2001-01-01 long gone\n"+
		"# mlguard:ignore\n"+notebook)
	write(t, dir, ".mlguard.yaml", "disabled_rules:\n  - AWS-SAGEMAKR-001\nignore:\n  - rule: AWS-SAGEMAKER-002\n    reason: old\n    expires: 2001-01-01\n")
	_, out, _ := run(t, "scan", "-f", "json", dir)
	var doc struct {
		Warnings []struct {
			Error string `json:"error"`
			File  string `json:"file"`
			Line  int    `json:"line"`
		} `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range doc.Warnings {
		summary, _, _ := strings.Cut(w.Error, ":")
		got = append(got, filepath.Base(w.File)+":"+itoa(w.Line)+" "+summary)
	}
	want := []string{
		".mlguard.yaml:2 Unknown rule in settings",
		".mlguard.yaml:4 Expired ignore",
		"main.tf:1 Unknown rule in suppression",
		"main.tf:2 Expired suppression",
		"main.tf:3 Suppression names no rule",
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// fingerprints scans args from dir and returns the fingerprints found.
func fingerprints(t *testing.T, dir string, args ...string) []string {
	t.Helper()
	t.Chdir(dir)
	_, out, stderr := run(t, append([]string{"scan", "-f", "json"}, args...)...)
	var doc struct {
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	var fps []string
	for _, f := range doc.Findings {
		fps = append(fps, f.Fingerprint)
	}
	slices.Sort(fps)
	return fps
}

// TestFingerprintsIgnoreHowThePathWasTyped: a baseline made one way
// matches however the same tree is named later, in a repository and out.
func TestFingerprintsIgnoreHowThePathWasTyped(t *testing.T) {
	for _, repo := range []bool{false, true} {
		root := t.TempDir()
		if repo {
			write(t, root, ".git/HEAD", "ref: refs/heads/main\n")
		}
		tree := filepath.Join(root, "infra", "ml")
		write(t, tree, "main.tf", notebook)
		want := fingerprints(t, root, "infra/ml")
		if len(want) == 0 {
			t.Fatal("no findings")
		}
		for name, c := range map[string]struct{ dir, arg string }{
			"dot from inside":  {tree, "."},
			"absolute":         {t.TempDir(), tree},
			"trailing slash":   {root, "infra/ml/"},
			"dot-dot":          {filepath.Join(root, "infra"), "../infra/ml"},
			"the file":         {root, "infra/ml/main.tf"},
			"from another dir": {filepath.Join(root, "infra"), "ml"},
		} {
			if got := fingerprints(t, c.dir, c.arg); !slices.Equal(got, want) {
				t.Errorf("repo %v, %s: fingerprints %v, want %v", repo, name, got, want)
			}
		}
	}
}

// TestBaselineFromElsewhere: a baseline created from the repository root
// still covers the findings when the scan runs from inside the tree.
func TestBaselineFromElsewhere(t *testing.T) {
	root := t.TempDir()
	write(t, root, ".git/HEAD", "ref: refs/heads/main\n")
	write(t, root, "infra/main.tf", notebook)
	base := filepath.Join(root, "baseline.json")
	t.Chdir(root)
	if code, _, stderr := run(t, "scan", "--create-baseline", "--baseline", base, "infra"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Chdir(filepath.Join(root, "infra"))
	if code, out, _ := run(t, "scan", "--baseline", base, "."); code != ExitOK {
		t.Errorf("baselined findings reported again from inside the tree: exit %d\n%s", code, out)
	}
}

// TestOverlappingTargetsReadOnce: a file inside a directory also given,
// or a directory given twice, is scanned once.
func TestOverlappingTargetsReadOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", notebook)
	_, once, _ := run(t, "scan", "-f", "json", dir)
	_, twice, _ := run(t, "scan", "-f", "json", dir, filepath.Join(dir, "main.tf"), dir+"/")
	count := func(s string) int { return strings.Count(s, `"fingerprint"`) }
	if count(once) == 0 || count(once) != count(twice) {
		t.Errorf("%d findings once, %d with overlapping targets", count(once), count(twice))
	}
}

// TestStdin: "-" reads one document from standard input, named <stdin>.
func TestStdin(t *testing.T) {
	data, err := os.ReadFile("../../examples/kubernetes-insecure/serving.yaml")
	if err != nil {
		t.Skip(err)
	}
	var out, errb strings.Builder
	code := mainWithStdin([]string{"scan", "-f", "json", "-"}, strings.NewReader(string(data)), &out, &errb)
	if code != ExitFindings || !strings.Contains(out.String(), `"file": "<stdin>"`) {
		t.Errorf("exit %d: %s %s", code, out.String(), errb.String())
	}
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	out.Reset()
	if code := mainWithStdin([]string{"iam", "analyze", "-"}, strings.NewReader(policy), &out, &errb); code != ExitFindings {
		t.Errorf("iam analyze -: exit %d: %s", code, out.String())
	}
}

// TestSettingsFound: --config, and .mlguard.yaml in the working directory
// or at the repository root when the target has none; the file is named.
func TestSettingsFound(t *testing.T) {
	root := t.TempDir()
	write(t, root, ".git/HEAD", "ref: refs/heads/main\n")
	write(t, root, "infra/ml/main.tf", notebook)
	write(t, root, "infra/legacy/main.tf", strings.Replace(notebook, `"nb"`, `"legacy"`, 1))
	write(t, root, ".mlguard.yaml", "disabled_rules: [AWS-SAGEMAKER-001]\nexclude_paths: [infra/legacy/**]\n")
	write(t, root, "other.yaml", "disabled_rules: [AWS-SAGEMAKER-002]\n")
	t.Chdir(filepath.Join(root, "infra"))
	_, out, stderr := run(t, "scan", "-f", "json", ".")
	if strings.Contains(out, "AWS-SAGEMAKER-001") || strings.Contains(out, "legacy") || !strings.Contains(stderr, "using settings from "+filepath.Join(root, ".mlguard.yaml")) {
		t.Errorf("repository settings not applied or not named: %s", stderr)
	}
	_, out, stderr = run(t, "scan", "-f", "json", "--config", filepath.Join(root, "other.yaml"), ".")
	if strings.Contains(out, "AWS-SAGEMAKER-002") || !strings.Contains(out, "AWS-SAGEMAKER-001") || !strings.Contains(stderr, "other.yaml") {
		t.Errorf("--config not applied instead: %s", stderr)
	}
	if code, _, stderr := run(t, "scan", "--config", "missing.yaml", "."); code != ExitError || !strings.Contains(stderr, "missing.yaml: no such file") {
		t.Errorf("missing --config: exit %d, %s", code, stderr)
	}
}

// TestSymlinksInsideTheRepository: a file linked from elsewhere in the
// repository is read as Terraform reads it; one leading out is an error.
func TestSymlinksInsideTheRepository(t *testing.T) {
	root := t.TempDir()
	write(t, root, ".git/HEAD", "ref: refs/heads/main\n")
	write(t, root, "shared/notebook.tf", notebook)
	write(t, root, "envs/prod/main.tf", "# prod\n")
	if err := os.Symlink("../../shared/notebook.tf", filepath.Join(root, "envs/prod/notebook.tf")); err != nil {
		t.Skip(err)
	}
	outside := t.TempDir()
	write(t, outside, "secret.tf", notebook)
	if err := os.Symlink(filepath.Join(outside, "secret.tf"), filepath.Join(root, "envs/prod/outside.tf")); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "scan", "-f", "json", filepath.Join(root, "envs/prod"))
	if !strings.Contains(out, "aws_sagemaker_notebook_instance.nb") {
		t.Errorf("the linked file was not read:\n%s", out)
	}
	if code != ExitError || !strings.Contains(out, "outside") {
		t.Errorf("the link out of the repository is not an error: exit %d", code)
	}
}

// TestOneCLI: every command that writes a report takes -f and -o, formats
// in any case, and the same severity and exit code flags where they apply.
func TestOneCLI(t *testing.T) {
	dir := t.TempDir()
	file := func(name string) string { return filepath.Join(dir, name) }
	const trail = "../../examples/iam/trail"
	cases := []struct {
		name string
		args []string
		code int
		out  string // the -o file, which must then hold want
		want string
	}{
		{"scan", []string{"scan", "-f", "SARIF", "-o", file("s.sarif"), "../../examples/aws-insecure"}, ExitFindings, "s.sarif", `"2.1.0"`},
		{"iam analyze", []string{"iam", "analyze", "-f", "Json", "-o", file("a.json"), "../../examples/iam"}, ExitFindings, "a.json", `"findings"`},
		{"iam scope", []string{"iam", "scope", "--task", "training", "--bucket", "arn:aws:s3:::d", "-f", "TERRAFORM", "-o", file("p.tf")}, ExitOK, "p.tf", "aws_iam_policy_document"},
		{"iam from-trail", []string{"iam", "from-trail", "--role", "arn:aws:iam::111122223333:role/ml-training-job", "-o", file("t.json"), trail + "/"}, ExitOK, "t.json", `"Statement"`},
		{"audit", []string{"audit", "-f", "JSON", "-o", file("au.json"), "../../examples/audit/"}, ExitFindings, "au.json", `"alerts"`},
		{"guardrails replay", []string{"guardrails", "replay", "-f", "json", "-o", file("r.json"), "--scp", "../../examples/guardrails/scps/hand-written.json", "../../examples/guardrails/trail"}, ExitFindings, "r.json", `"gap"`},
		{"policy test", []string{"policy", "test", "-f", "JSON", "-o", file("pt.json"), "../../examples/policies"}, ExitOK, "pt.json", `"tests"`},
		{"rules list", []string{"rules", "list", "-f", "json", "-o", file("rules.json")}, ExitOK, "rules.json", `"AUDIT-EXFIL-001"`},
		{"severity list", []string{"scan", "--severity", "high,CRITICAL", "-f", "json", "-o", file("h.json"), "../../examples/aws-insecure"}, ExitFindings, "h.json", `"HIGH"`},
		{"soft fail", []string{"scan", "--soft-fail", "-o", file("soft.txt"), "../../examples/aws-insecure"}, ExitOK, "soft.txt", "finding"},
		{"exit code", []string{"scan", "--exit-code", "3", "-o", file("e3.txt"), "../../examples/aws-insecure"}, 3, "e3.txt", "finding"},
		{"exit code 0", []string{"audit", "--exit-code", "0", "-o", file("e0.txt"), "../../examples/audit"}, ExitOK, "e0.txt", "alert"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			data, err := os.ReadFile(file(c.out))
			if code != c.code || err != nil || !strings.Contains(string(data), c.want) || strings.Contains(stdout, c.want) {
				t.Errorf("exit %d (want %d), %v; stdout %q; stderr %q", code, c.code, err, stdout, stderr)
			}
		})
	}
	for _, args := range [][]string{
		{"scan", "--severity", "LOW,CRITICAL", "."},
		{"audit", "--since", "2026-11-21", "--until", "2026-11-20", "."},
		{"audit", "--known-cidr", "10.0.0.0/33", "."},
		{"scan", "--exit-code", "-1", "."},
	} {
		if code, _, stderr := run(t, args...); code != ExitError || strings.Contains(stderr, "netip") {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
	_, out, _ := run(t, "scan", "--severity", "HIGH,CRITICAL", "-f", "json", "../../examples/aws-insecure")
	if strings.Contains(out, `"severity": "MEDIUM"`) {
		t.Error("--severity HIGH,CRITICAL reported a MEDIUM finding")
	}
}

// TestErrorsInPlainWords: no system call names or Go type names reach users.
func TestErrorsInPlainWords(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", notebook)
	write(t, dir, ".mlguard.yaml", "disabled_rule: [X]\n")
	for _, args := range [][]string{
		{"audit", "no-such-dir/"},
		{"audit", "--state", "/nonexistent/dir/x.db", "../../examples/audit"},
		{"iam", "from-trail", "--role", "arn:aws:iam::1:role/r", "no-such-dir"},
		{"guardrails", "replay", "--scp", "nope.json", "."},
		{"scan", "--var-file", "nope.tfvars", dir},
		{"scan", dir},
		{"policy", "test", dir},
	} {
		code, _, stderr := run(t, args...)
		for _, bad := range []string{"openat", "statat", "stat ", "open ", "netip.", "not found in type", "config.Config"} {
			if strings.Contains(stderr, bad) {
				t.Errorf("%v: %q in %q", args, bad, stderr)
			}
		}
		if code != ExitError {
			t.Errorf("%v: exit %d", args, code)
		}
	}
	_, _, stderr := run(t, "policy", "test", dir)
	if !strings.Contains(stderr, dir) {
		t.Errorf("policy test does not name the directory it looked in: %s", stderr)
	}
}
