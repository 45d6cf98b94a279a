package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const trailDir = "../../examples/iam/trail"

func TestIAMExitCodes(t *testing.T) {
	role := "arn:aws:iam::111122223333:role/ml-training-job"
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"analyze findings", []string{"iam", "analyze", "../../examples/iam"}, ExitFindings},
		{"analyze sarif", []string{"iam", "analyze", "-f", "sarif", "../../examples/iam/terraform"}, ExitFindings},
		{"analyze scoped policy", []string{"iam", "analyze", "../../examples/iam/scoped-training-role.json"}, ExitOK},
		{"analyze bad account", []string{"iam", "analyze", "--account", "12", "../../examples/iam"}, ExitError},
		{"analyze threshold", []string{"iam", "analyze", "--severity", "CRITICAL", "../../examples/iam/training-role-trust.json"}, ExitOK},
		{"scope", []string{"iam", "scope", "--task", "endpoint", "--bucket", "arn:aws:s3:::models"}, ExitOK},
		{"scope no task", []string{"iam", "scope", "--bucket", "arn:aws:s3:::models"}, ExitError},
		{"scope bad task", []string{"iam", "scope", "--task", "serving", "--bucket", "arn:aws:s3:::models"}, ExitError},
		{"scope bad bucket", []string{"iam", "scope", "--task", "training", "--bucket", "models"}, ExitError},
		{"scope pipeline without roles", []string{"iam", "scope", "--task", "pipeline", "--bucket", "arn:aws:s3:::models"}, ExitError},
		{"scope bad format", []string{"iam", "scope", "--task", "training", "--bucket", "arn:aws:s3:::m", "-f", "yaml"}, ExitError},
		{"from-trail", []string{"iam", "from-trail", "--role", role, trailDir}, ExitOK},
		{"from-trail other role", []string{"iam", "from-trail", "--role", "arn:aws:iam::111122223333:role/nobody", trailDir}, ExitError},
		{"from-trail bad role", []string{"iam", "from-trail", "--role", "ml-training-job", trailDir}, ExitError},
		{"from-trail missing logs", []string{"iam", "from-trail", "--role", role, "no-such-dir"}, ExitError},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if code, _, stderr := run(t, c.args...); code != c.want {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.want, stderr)
			}
		})
	}
}

// TestScopeOutputPassesAnalyze writes each task's policy and analyses it.
func TestScopeOutputPassesAnalyze(t *testing.T) {
	dir := t.TempDir()
	for _, task := range []string{"notebook", "training", "processing", "endpoint", "pipeline"} {
		code, out, stderr := run(t, "iam", "scope", "--task", task, "--bucket", "arn:aws:s3:::ml-data", "--kms-key",
			"arn:aws:kms:us-east-1:111122223333:key/k1", "--ecr-repo", "arn:aws:ecr:us-east-1:111122223333:repository/ml/serve",
			"--pass-role", "arn:aws:iam::111122223333:role/job", "--vpc")
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", task, code, stderr)
		}
		write(t, dir, task+".json", out)
		code, out, _ = run(t, "iam", "scope", "--task", task, "--bucket", "arn:aws:s3:::ml-data", "--pass-role", "arn:aws:iam::111122223333:role/job", "-f", "terraform")
		if code != ExitOK || !strings.Contains(out, `data "aws_iam_policy_document"`) {
			t.Fatalf("%s terraform: exit %d\n%s", task, code, out)
		}
		// Attached to a managed policy, the document is analysed as HCL.
		out += "resource \"aws_iam_policy\" \"p\" {\n  policy = data.aws_iam_policy_document." + task + "_execution_role.json\n}\n"
		write(t, filepath.Join(dir, "tf-"+task), "main.tf", out)
	}
	if code, out, _ := run(t, "iam", "analyze", dir); code != ExitOK || !strings.Contains(out, "0 findings") || !strings.Contains(out, "10 files scanned") {
		t.Errorf("analyze of scoped policies: exit %d\n%s", code, out)
	}
}

func TestFromTrail(t *testing.T) {
	// The same trail compressed, and a line that is not a record.
	data, err := os.ReadFile(filepath.Join(trailDir, "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_20261120T1055Z_Ex4mpl3.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(data)
	w.Close()
	write(t, dir, "logs/a.json.gz", gz.String())
	write(t, dir, "logs/b.jsonl", "not json\n")
	write(t, dir, "current.json", `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"*"}]}`)
	code, out, stderr := run(t, "iam", "from-trail", "--role", "arn:aws:iam::111122223333:role/ml-training-job",
		"--policy", filepath.Join(dir, "current.json"), filepath.Join(dir, "logs"))
	if code != ExitError {
		t.Errorf("a rejected record must give exit %d, got %d", ExitError, code)
	}
	var p struct{ Statement []struct{ Sid string } }
	if err := json.Unmarshal([]byte(out), &p); err != nil || len(p.Statement) != 8 {
		t.Fatalf("policy: %v\n%s", err, out)
	}
	for _, want := range []string{"records: 16 read, 14 by", "1 could not be read", "b.jsonl:1", "s3:ListBuckets (1)", "never used (1):\n  s3:DeleteObject"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
}

// TestAnalyzeHostilePolicies: a policy nested 100,000 deep and one too large
// to deploy are reported with file and line, and the good file beside them
// is still analysed.
func TestAnalyzeHostilePolicies(t *testing.T) {
	dir := t.TempDir()
	deep := `{"Effect":"Allow","Statement":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}"
	write(t, dir, "deep.json", deep)
	var st []string
	for i := 0; i < 5000; i++ {
		st = append(st, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/`+strings.Repeat("x", i%7)+`*"}`)
	}
	write(t, dir, "huge.json", `{"Version":"2012-10-17","Statement":[`+strings.Join(st, ",\n")+`]}`)
	write(t, dir, "admin.json", `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)
	code, out, _ := run(t, "iam", "analyze", "-f", "json", dir)
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	var rep struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
			File   string `json:"file"`
		}
		Errors []struct {
			File string `json:"file"`
			Line int    `json:"line"`
		} `json:"files_failed"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) != 1 || !strings.HasSuffix(rep.Errors[0].File, "deep.json") || rep.Errors[0].Line != 1 {
		t.Errorf("errors %+v", rep.Errors)
	}
	got := map[string]bool{}
	for _, f := range rep.Findings {
		got[f.RuleID+" "+filepath.Base(f.File)] = true
	}
	for _, want := range []string{"AWS-IAMPOLICY-001 admin.json", "AWS-IAMPOLICY-011 huge.json"} {
		if !got[want] {
			t.Errorf("missing %s in %v", want, got)
		}
	}
}
