package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLogFieldsEscaped: guardrails replay and iam from-trail print fields
// of the logs they read; an escape sequence or newline planted in a log
// reaches the terminal escaped, never raw, and a record whose eventName is
// not an API name is rejected (it must never become an action in a policy).
func TestLogFieldsEscaped(t *testing.T) {
	src := "../../examples/guardrails/trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_20261120T0915Z_replay.json"
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	planted := strings.Replace(string(data), `"eventName": "CreateNotebookInstance"`, `"eventName": "CreateNotebookInstance\u001b]52;c;ZXZpbA==\u0007\nCRITICAL forged"`, 1)
	planted = strings.Replace(planted, `"eventID": "f0000002-aaaa-4bbb-8ccc-dddddddddddd"`, `"eventID": "f0000002\u001b[2J"`, 1)
	if planted == string(data) {
		t.Fatal("nothing planted")
	}
	dir := t.TempDir()
	write(t, dir, "trail/t.json", planted)
	for _, args := range [][]string{
		{"guardrails", "replay", "--scp", "../../examples/guardrails/scps/hand-written.json", filepath.Join(dir, "trail")},
		{"iam", "from-trail", "--role", "arn:aws:iam::111122223333:role/ds-team", filepath.Join(dir, "trail")},
	} {
		_, stdout, stderr := run(t, args...)
		if strings.ContainsAny(stdout+stderr, "\x1b\x07") || strings.Contains(stdout, "\nCRITICAL forged") || strings.Contains(stdout, "CreateNotebookInstance\\u001b") {
			t.Errorf("%s: raw control characters in %q", args[0], stdout+stderr)
		}
		if !strings.Contains(stdout+stderr, `\x1b`) {
			t.Errorf("%s: the planted field is not shown escaped: %q", args[0], stdout+stderr)
		}
	}
}
