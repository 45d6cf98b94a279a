package audit

import (
	"context"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mlguard/mlguard/internal/audit/baseline"
	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/audit/gen"
)

// generated writes ten days of logs for three teams, the attacks on the last.
func generated(t testing.TB) (string, *gen.Stats, time.Time) {
	t.Helper()
	dir := t.TempDir()
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	st, err := gen.Write(gen.Config{Dir: dir, Start: start, Days: 10, Teams: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return dir, st, start.AddDate(0, 0, 9)
}

func found(res *Result) []string {
	var out []string
	for _, a := range res.Alerts {
		out = append(out, a.Detector+" "+a.Principal)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func expected(st *gen.Stats) []string {
	var out []string
	for _, a := range st.Attacks {
		out = append(out, a.Detector+" "+a.Principal)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// TestGeneratedAttacksAreFound runs every detector on nine benign days and
// a tenth with attacks: each attack is found, and nothing else is.
func TestGeneratedAttacksAreFound(t *testing.T) {
	dir, st, attackDay := generated(t)
	res, err := Run(context.Background(), []Input{{FS: os.DirFS(dir), Root: "."}}, Options{Since: attackDay})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := found(res), expected(st); !slices.Equal(got, want) {
		t.Errorf("alerts:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		for _, a := range res.Alerts {
			t.Logf("%s %s: %s", a.Severity, a.Detector, a.Message)
		}
	}
	if res.Read != st.Events || res.Analysed != st.Events || len(res.Rejected) != 0 {
		t.Errorf("read %d, analysed %d, rejected %d; the generator wrote %d", res.Read, res.Analysed, len(res.Rejected), st.Events)
	}
	for i := 1; i < len(res.Alerts); i++ {
		if res.Alerts[i].Severity > res.Alerts[i-1].Severity {
			t.Errorf("alerts not most severe first at %d", i)
		}
	}
	for _, a := range res.Alerts {
		if len(a.Evidence) == 0 || a.Evidence[0].File == "" || a.Events < len(a.Evidence) {
			t.Errorf("%s: evidence %+v for %d events", a.Detector, a.Evidence, a.Events)
		}
	}
}

// TestStateCarriesOver learns the benign days into a state file in one run
// and detects in the next, as a daily job would, with the same result.
func TestStateCarriesOver(t *testing.T) {
	dir, st, attackDay := generated(t)
	in := []Input{{FS: os.DirFS(dir), Root: "."}}
	learned, err := Run(context.Background(), in, Options{Learn: true, Until: attackDay.Add(-time.Second)})
	if err != nil || len(learned.Alerts) != 0 {
		t.Fatalf("learning raised %d alerts, %v", len(learned.Alerts), err)
	}
	state := filepath.Join(t.TempDir(), "state.db")
	b := baseline.New()
	if _, err := Run(context.Background(), in, Options{Learn: true, Until: attackDay.Add(-time.Second), Baseline: b}); err != nil {
		t.Fatal(err)
	}
	if err := b.Save(state); err != nil {
		t.Fatal(err)
	}
	loaded, err := baseline.Load(state)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), in, Options{Since: attackDay, Baseline: loaded})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := found(res), expected(st); !slices.Equal(got, want) {
		t.Errorf("after a state file, alerts:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestNoHistoryNoNovelty: with two days of logs the baseline is too short
// to say what is new, so the detections that need history stay quiet while
// the others still fire.
func TestNoHistoryNoNovelty(t *testing.T) {
	dir := t.TempDir()
	st, err := gen.Write(gen.Config{Dir: dir, Days: 2, Teams: 3, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), []Input{{FS: os.DirFS(dir), Root: "."}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	novelty := []string{"AUDIT-EXFIL-001", "AUDIT-EXFIL-002", "AUDIT-REGISTRY-002", "AUDIT-REGISTRY-003", "AUDIT-CRED-001", "AUDIT-KEYS-001"}
	var want []string
	for _, a := range st.Attacks {
		if !slices.Contains(novelty, a.Detector) {
			want = append(want, a.Detector+" "+a.Principal)
		}
	}
	sort.Strings(want)
	if got := found(res); !slices.Equal(got, slices.Compact(want)) {
		t.Errorf("alerts:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if res.BaselineSpan >= MinHistory {
		t.Errorf("baseline span %v", res.BaselineSpan)
	}
}

// TestDeterministic: the same input gives the same alerts, evidence and
// summaries whatever the number of workers.
func TestDeterministic(t *testing.T) {
	dir, _, attackDay := generated(t)
	in := []Input{{FS: os.DirFS(dir), Root: "."}}
	one, err := Run(context.Background(), in, Options{Since: attackDay, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	four, err := Run(context.Background(), in, Options{Since: attackDay, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, four) {
		t.Errorf("results differ between 1 and 4 workers")
	}
}

// TestLargeFilesStreamed: files with more events than a worker may hold are
// read through the reorder window and give the very same result.
func TestLargeFilesStreamed(t *testing.T) {
	dir, _, attackDay := generated(t)
	in := []Input{{FS: os.DirFS(dir), Root: "."}}
	held, err := Run(context.Background(), in, Options{Since: attackDay})
	if err != nil {
		t.Fatal(err)
	}
	streamed, err := Run(context.Background(), in, Options{Since: attackDay, MaxHeldEvents: 20})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(held, streamed) {
		t.Errorf("results differ when files are streamed: %d/%d alerts, %d/%d read", len(held.Alerts), len(streamed.Alerts), held.Read, streamed.Read)
	}
}

// TestReorderWindow: events out of order within the window come out in
// order; one later than the window allows is rejected, never judged out of
// order.
func TestReorderWindow(t *testing.T) {
	rec := func(ts string) string {
		return `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2026-11-20T10:00:` + ts + `Z"}`
	}
	lines := []string{rec("02"), rec("01"), rec("03"), rec("05"), rec("04"), rec("06"), rec("00"), rec("07")}
	fsys := fstest.MapFS{"t.jsonl": {Data: []byte(strings.Join(lines, "\n"))}}
	var got []string
	fr := streamFile(context.Background(), Input{FS: fsys, Root: "."}, "t.jsonl", 2, nil, func(ev *event.Event) {
		got = append(got, ev.Time.Format("05"))
	})
	if strings.Join(got, " ") != "01 02 03 04 05 06 07" || fr.read != 7 || len(fr.rejected) != 1 ||
		!strings.Contains(fr.rejected[0].Reason, "out of time order by more than 2 records") || fr.rejected[0].Line != 7 {
		t.Errorf("order %v, read %d, rejected %+v", got, fr.read, fr.rejected)
	}
}

// TestGeneratorCountsAreTrue: what the log generator says it wrote is what
// is on disk and what the reader reads.
func TestGeneratorCountsAreTrue(t *testing.T) {
	dir := t.TempDir()
	st, err := gen.Write(gen.Config{Dir: dir, Start: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Days: 21, Teams: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return err
	})
	res, err := Run(context.Background(), []Input{{FS: os.DirFS(dir), Root: "."}}, Options{Learn: true})
	if err != nil {
		t.Fatal(err)
	}
	if files != st.Files || len(res.Files) != st.Files || res.Read != st.Events || len(res.Rejected) != 0 {
		t.Errorf("generator says %d files, %d events; on disk %d files; read %d files, %d records (%d rejected)",
			st.Files, st.Events, files, len(res.Files), res.Read, len(res.Rejected))
	}
}

// TestWhoAndWhat: an alert names the role, the session (the person behind
// it) and the address; a create call's alert names what it created; a role
// handed to SageMaker in a CreateTrainingJob is an ML role, so its
// credentials used from outside raise AUDIT-CRED-001 although SageMaker was
// never seen acting as it.
func TestWhoAndWhat(t *testing.T) {
	const role = "arn:aws:iam::111122223333:role/train-exec"
	rec := func(at, name, who, ip, params string) string {
		return `{"eventSource":"sagemaker.amazonaws.com","eventName":"` + name + `","eventTime":"2026-11-20T` + at + `Z",` +
			`"sourceIPAddress":"` + ip + `","requestParameters":` + params + `,"userIdentity":{"type":"AssumedRole",` +
			`"arn":"arn:aws:sts::111122223333:assumed-role/` + who + `","sessionContext":{"sessionIssuer":{"type":"Role",` +
			`"arn":"arn:aws:iam::111122223333:role/` + strings.Split(who, "/")[0] + `"}}}}`
	}
	lines := []string{
		rec("10:00:00", "CreateTrainingJob", "ml-engineers/jdoe", "192.0.2.5",
			`{"trainingJobName":"churn-7","roleArn":"`+role+`","vpcConfig":{},"outputDataConfig":{"kmsKeyId":"k"}}`),
		rec("10:05:00", "CreateNotebookInstance", "ml-engineers/jdoe", "192.0.2.5", `{"notebookInstanceName":"scratch"}`),
		rec("11:00:00", "ListModels", "train-exec/SageMaker", "198.51.100.9", `{}`),
	}
	fsys := fstest.MapFS{"t.jsonl": {Data: []byte(strings.Join(lines, "\n"))}}
	res, err := Run(context.Background(), []Input{{FS: fsys, Root: "."}}, Options{KnownNetworks: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range res.Alerts {
		got = append(got, a.Detector+" "+a.Principal+" "+strings.Join(a.Sessions, ",")+" "+a.Resource+" "+a.SourceIP)
	}
	want := []string{
		"AUDIT-CRED-001 " + role + " SageMaker " + role + " 198.51.100.9",
		"AUDIT-EVASION-004 arn:aws:iam::111122223333:role/ml-engineers jdoe scratch 192.0.2.5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("alerts:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if PassedRole(&event.Event{Cloud: event.AWS, Service: "sagemaker", Action: "CreateModel", Params: []byte(`{"executionRoleArn":"*"}`)}) != "" {
		t.Error("a role that is not a role ARN was taken as passed")
	}
}
