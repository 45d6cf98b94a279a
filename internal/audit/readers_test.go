package audit

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mlguard/mlguard/internal/audit/azurelog"
	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/audit/gcplog"
	"github.com/mlguard/mlguard/internal/audit/jsonrec"
)

const examples = "../../examples/audit"

func collect(t *testing.T, read func(func(*event.Event) error, func(jsonrec.Rejected)) error) []event.Event {
	t.Helper()
	var out []event.Event
	err := read(func(e *event.Event) error { out = append(out, *e); return nil }, func(r jsonrec.Rejected) { t.Errorf("rejected %+v", r) })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadersNormalize reads the hand-written records, each in its
// provider's documented shape, and checks the fields detectors use.
func TestReadersNormalize(t *testing.T) {
	fsys := os.DirFS(examples)
	gcp := collect(t, func(fn func(*event.Event) error, rej func(jsonrec.Rejected)) error {
		return gcplog.ReadFile(context.Background(), fsys, "gcp/audit.jsonl", fn, rej)
	})
	az := collect(t, func(fn func(*event.Event) error, rej func(jsonrec.Rejected)) error {
		return azurelog.ReadFile(context.Background(), fsys, "azure/activity.json", fn, rej)
	})
	if len(gcp) != 3 || len(az) != 4 {
		t.Fatalf("%d gcp and %d azure events", len(gcp), len(az))
	}
	g := gcp[1]
	if g.Cloud != event.GCP || g.Service != "storage" || g.Action != "storage.setIamPermissions" || g.Principal != "dev@example.com" ||
		g.SourceIP != "198.51.100.40" || g.Account != "ml-prod" || g.Bucket != "ml-models-gcp" || g.Source.ID != "g2" || g.Source.Line != 2 ||
		!g.Time.Equal(time.Date(2026, 11, 20, 10, 10, 0, 123456000, time.UTC)) {
		t.Errorf("gcp event %+v", g)
	}
	if gcp[0].Kind != "serviceAccount" {
		t.Errorf("a service account's kind: %q", gcp[0].Kind)
	}
	a := az[3]
	if a.Cloud != event.Azure || a.Service != "Microsoft.Insights" || a.Action != "Microsoft.Insights/diagnosticSettings/delete" ||
		a.Principal != "dev@contoso.example" || a.SourceIP != "198.51.100.60" || a.Account != "0b1f6471-1bf0-4dda-aec3-111111111111" ||
		a.Pending || a.Failed() || a.Source.Line == 0 {
		t.Errorf("azure event %+v", a)
	}
	if !az[2].Pending || !az[0].Pending {
		t.Errorf("started records must be pending: %+v %+v", az[0], az[2])
	}
}

func TestModelArtifacts(t *testing.T) {
	for key, want := range map[string]bool{
		"churn/job-1/output/model.tar.gz": true, "llm/v3/model-00001-of-00004.safetensors": true, "m/model.onnx": true,
		"pipelines/p1/model-packages/x.bin": true, "datasets/train/part-0001.parquet": false, "logs/app.log.tar.gz": false,
		"sklearn/pipeline.joblib": true, "notes/model-card.md": false,
	} {
		if got := IsModelArtifact(key); got != want {
			t.Errorf("IsModelArtifact(%q) = %v", key, got)
		}
	}
}

// TestExports: the calls REGISTRY-002 watches, by their logged names.
func TestExports(t *testing.T) {
	for _, c := range []struct {
		cloud, action string
		want          bool
	}{
		{event.GCP, "google.cloud.aiplatform.v1.ModelService.ExportModel", true},
		{event.GCP, "google.cloud.aiplatform.v1.DatasetService.ExportData", true},
		{event.GCP, "google.cloud.aiplatform.v1.ModelService.GetModel", false},
		{event.Azure, "Microsoft.MachineLearningServices/workspaces/listKeys/action", true},
		{event.Azure, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/token/action", true},
		{event.Azure, "Microsoft.MachineLearningServices/workspaces/listStorageAccountKeys/action", true},
		{event.Azure, "Microsoft.MachineLearningServices/workspaces/datastores/listSecrets/action", true},
		{event.Azure, "Microsoft.MachineLearningServices/workspaces/models/versions/write", false},
		{event.Azure, "Microsoft.Storage/storageAccounts/listKeys/action", false},
	} {
		e := &event.Event{Cloud: c.cloud, Action: c.action}
		if got := export(e); got != c.want {
			t.Errorf("%s: export = %v, want %v", c.action, got, c.want)
		}
	}
}

// TestRecordsWithoutATime: a record whose time cannot be read is rejected
// with its line and the reason, never read as the year 1.
func TestRecordsWithoutATime(t *testing.T) {
	gcp := func(ts string) string {
		return `{"timestamp":"` + ts + `","protoPayload":{"serviceName":"storage.googleapis.com","methodName":"storage.objects.get"}}`
	}
	az := func(ts string) string { return `{"operationName":"Microsoft.Storage/x/read","time":"` + ts + `"}` }
	fsys := fstest.MapFS{
		"g.jsonl": {Data: []byte(strings.Join([]string{gcp("2026-11-20T10:00:00.5Z"), gcp("garbage"), gcp(""), gcp("2026-11-20")}, "\n"))},
		"a.jsonl": {Data: []byte(strings.Join([]string{az("2026-11-20T10:00:00Z"), az("yesterday")}, "\n"))},
	}
	var got []string
	read, rej := 0, func(r jsonrec.Rejected) { got = append(got, fmt.Sprintf("%s:%d: %s", r.File, r.Line, r.Reason)) }
	fn := func(*event.Event) error { read++; return nil }
	if err := gcplog.ReadFile(context.Background(), fsys, "g.jsonl", fn, rej); err != nil {
		t.Fatal(err)
	}
	if err := azurelog.ReadFile(context.Background(), fsys, "a.jsonl", fn, rej); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`g.jsonl:2: timestamp "garbage" is not a date and time (RFC 3339)`,
		`g.jsonl:3: record has no timestamp`,
		`g.jsonl:4: timestamp "2026-11-20" is not a date and time (RFC 3339)`,
		`a.jsonl:2: time "yesterday" is not a date and time (RFC 3339)`,
	}
	if read != 2 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%d read; rejected:\n%s\nwant:\n%s", read, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
