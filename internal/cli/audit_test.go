package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/audit/baseline"
	"github.com/mlguard/mlguard/internal/audit/gen"
)

func TestAuditExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"alerts", []string{"audit", "../../examples/audit"}, ExitFindings},
		{"json", []string{"audit", "-f", "json", "../../examples/audit"}, ExitFindings},
		{"threshold", []string{"audit", "--severity", "CRITICAL", "../../examples/audit/azure"}, ExitFindings},
		{"nothing at the threshold", []string{"audit", "--until", "2026-11-20", "../../examples/audit"}, ExitOK},
		{"learn only", []string{"audit", "--learn", "../../examples/audit"}, ExitOK},
		{"bad since", []string{"audit", "--since", "yesterday", "../../examples/audit"}, ExitError},
		{"bad cidr", []string{"audit", "--known-cidr", "10.0.0.0/33", "../../examples/audit"}, ExitError},
		{"bad format", []string{"audit", "-f", "junit", "../../examples/audit"}, ExitError},
		{"missing logs", []string{"audit", "no-such-dir"}, ExitError},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if code, _, stderr := run(t, c.args...); code != c.want {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.want, stderr)
			}
		})
	}
}

// TestAuditDailyRuns learns nine days into a state file, then judges the
// tenth in a second run, as a daily job does; a broken record is listed
// with its file and line and makes the exit code 2.
func TestAuditDailyRuns(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	st, err := gen.Write(gen.Config{Dir: logs, Days: 10, Teams: 2, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state.db")
	if code, out, stderr := run(t, "audit", "--learn", "--until", "2026-10-10", "--state", state, logs); code != ExitOK || !strings.Contains(out, "0 alerts") {
		t.Fatalf("learning: exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ := run(t, "audit", "--since", "2026-10-10", "--state", state, "-f", "json", logs)
	if code != ExitFindings {
		t.Fatalf("detection: exit %d", code)
	}
	var rep struct {
		Alerts []struct {
			Detector  string `json:"detector"`
			Principal string `json:"principal"`
		} `json:"alerts"`
		Summary struct {
			Read     int `json:"records_read"`
			Analysed int `json:"records_analysed"`
			Rejected int `json:"records_rejected"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, a := range rep.Alerts {
		got[a.Detector+" "+a.Principal] = true
	}
	for _, a := range st.Attacks {
		if !got[a.Detector+" "+a.Principal] {
			t.Errorf("missed %s by %s (%s)", a.Detector, a.Principal, a.What)
		}
	}
	if rep.Summary.Read != st.Events || rep.Summary.Analysed != st.Events || rep.Summary.Rejected != 0 {
		t.Errorf("summary %+v for %d events", rep.Summary, st.Events)
	}
	write(t, logs, "broken/trail.jsonl", `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2026-10-10T01:00:00Z"}`+"\nnot a record\n")
	code, out, _ = run(t, "audit", "--since", "2026-10-10", "--state", state, filepath.Join(logs, "broken"))
	if code != ExitError || !strings.Contains(out, "trail.jsonl:2") || !strings.Contains(out, "2 read = 1 analysed + 1 rejected") {
		t.Errorf("broken record: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(state); err != nil {
		t.Error(err)
	}
}

// TestAuditRerunSameAlerts judges the same logs twice with one state file,
// as a CI retry or an analyst's second look does: the alerts are the same,
// because events of the detection window never teach the state.
func TestAuditRerunSameAlerts(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	if _, err := gen.Write(gen.Config{Dir: logs, Days: 10, Teams: 2, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state.db")
	var first string
	for i := range 3 {
		code, out, stderr := run(t, "audit", "--since", "2026-10-10", "--state", state, "-f", "json", logs)
		if code != ExitFindings {
			t.Fatalf("run %d: exit %d: %s", i, code, stderr)
		}
		var rep struct {
			Alerts json.RawMessage `json:"alerts"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		alerts := string(rep.Alerts)
		if i == 0 {
			first = alerts
			if !strings.Contains(first, "AUDIT-EXFIL-001") {
				t.Fatalf("the first run found no new reader of model artifacts:\n%s", first)
			}
		} else if alerts != first {
			t.Errorf("run %d gave other alerts than the first:\n%s\nfirst:\n%s", i, alerts, first)
		}
	}
}

// TestAuditStateUnwritable: a state file that cannot be written is found
// before the analysis (taking its lock creates a file beside it), so no
// work is lost; the run fails, naming the state file. A state that fails
// later, while saving, still comes after the report (runAudit).
func TestAuditStateUnwritable(t *testing.T) {
	state := filepath.Join(t.TempDir(), "no-such-dir", "state.db")
	code, _, stderr := run(t, "audit", "--state", state, "../../examples/audit")
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	if !strings.Contains(stderr, state) {
		t.Errorf("stderr does not name the state file: %s", stderr)
	}
}

// TestAuditStateLocked: a second run on a state file another run holds
// fails at once and says so; the holder's learning is not overwritten.
func TestAuditStateLocked(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.db")
	held, err := baseline.Acquire(state)
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "audit", "--state", state, "../../examples/audit")
	if code != ExitError || out != "" || !strings.Contains(stderr, "is in use by another mlguard audit") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	held.Release()
	if code, _, stderr := run(t, "audit", "--state", state, "../../examples/audit"); code == ExitError {
		t.Errorf("after release: exit %d: %s", code, stderr)
	}
}

// TestAuditStateCorrupt: a damaged, empty or foreign state file is refused
// with the words to recover, never read by guessing.
func TestAuditStateCorrupt(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if code, _, stderr := run(t, "audit", "--learn", "--state", good, "../../examples/audit"); code == ExitError {
		t.Fatalf("learning run: %s", stderr)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)/2] ^= 0x40
	cases := map[string][]byte{"flipped.db": flipped, "empty.db": {}, "foreign.db": []byte("not a database\n"), "truncated.db": data[:len(data)-10]}
	for name, content := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := run(t, "audit", "--state", p, "../../examples/audit")
		if code != ExitError || out != "" || !strings.Contains(stderr, "state file "+p+" is corrupt") || !strings.Contains(stderr, "move it away to start again") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, out, stderr)
		}
	}
}

// TestAuditPaths: a directory given with a trailing slash, "." or ".." is
// read as itself: the same records and the same alerts.
func TestAuditPaths(t *testing.T) {
	summary := func(dir string) string {
		code, out, stderr := run(t, "audit", "-f", "json", dir)
		var doc struct {
			Alerts []struct{ Detector, Principal string }
			Read   int `json:"records_read"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitFindings {
			t.Fatalf("%s: exit %d, %v, %s", dir, code, err, stderr)
		}
		return fmt.Sprint(doc.Read, doc.Alerts)
	}
	want := summary("../../examples/audit")
	for _, dir := range []string{"../../examples/audit/", "../../examples/audit/.", "../../examples/audit/gcp/..", "../../examples/audit//"} {
		if got := summary(dir); got != want {
			t.Errorf("%s: %s, want %s", dir, got, want)
		}
	}
}
