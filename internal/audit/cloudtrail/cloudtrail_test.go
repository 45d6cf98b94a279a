package cloudtrail

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

const example = "../../../examples/iam/trail"

func readAll(t *testing.T, fsys fstestFS, name string) ([]*Record, []Rejected) {
	t.Helper()
	var recs []*Record
	var rej []Rejected
	err := ReadFile(context.Background(), fsys, name, DefaultLimits, func(r *Record) error { recs = append(recs, r); return nil },
		func(r Rejected) { rej = append(rej, r) })
	if err != nil {
		t.Fatal(err)
	}
	return recs, rej
}

type fstestFS = fstest.MapFS

func TestDeliveredFile(t *testing.T) {
	files, err := Files(os.DirFS(example), ".")
	if err != nil || len(files) != 1 {
		t.Fatalf("files %v, %v", files, err)
	}
	data, err := os.ReadFile(filepath.Join(example, files[0]))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(data)
	w.Close()
	fsys := fstest.MapFS{"a.json": {Data: data}, "a.json.gz": {Data: gz.Bytes()}}
	// The stream reader, which the fast path falls back to, tracks lines.
	var streamed []*Record
	err = Read(context.Background(), "a.json", bytes.NewReader(data), DefaultLimits,
		func(r *Record) error { streamed = append(streamed, r); return nil }, func(r Rejected) { t.Errorf("rejected %+v", r) })
	if err != nil || len(streamed) != 15 {
		t.Fatalf("stream: %d records, %v", len(streamed), err)
	}
	first := streamed[0]
	if first.EventName != "ListObjectsV2" || first.Line != 3 || first.UserIdentity.SessionContext.SessionIssuer.ARN != "arn:aws:iam::111122223333:role/ml-training-job" {
		t.Errorf("first record %+v at line %d", first.Event, first.Line)
	}
	for _, r := range streamed {
		if r.Line < first.Line || data[r.Offset] != '{' {
			t.Errorf("record %s at line %d, offset %d", r.EventName, r.Line, r.Offset)
		}
	}
	// The fast path (whole file, plain or gzip) reads the same events.
	for _, name := range []string{"a.json", "a.json.gz"} {
		recs, rej := readAll(t, fsys, name)
		if len(recs) != len(streamed) || len(rej) != 0 {
			t.Fatalf("%s: %d records, %v rejected", name, len(recs), rej)
		}
		for i := range recs {
			if !reflect.DeepEqual(recs[i].Event, streamed[i].Event) || recs[i].File != name {
				t.Errorf("%s: record %d differs:\n%+v\n%+v", name, i, recs[i].Event, streamed[i].Event)
			}
		}
	}
}

func TestLinesAndRejects(t *testing.T) {
	good := `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2026-11-20T10:00:00Z"}`
	lines := strings.Join([]string{good, "", "not json", `{"eventName":"x"}`, good, `{"eventSource":"a","eventName":"b","pad":"` + strings.Repeat("x", 2000) + `"}`, good}, "\n")
	delivered := "{\"Records\": [\n" + good + ",\n{\"eventSource\":\"kms.amazonaws.com\"},\n" + good + "\n]}"
	truncated := "{\"Records\": [\n" + good + ",\n{\"eventSource\": "
	notGzip := "plain text"
	fsys := fstest.MapFS{"l.jsonl": {Data: []byte(lines)}, "d.json": {Data: []byte(delivered)}, "t.json": {Data: []byte(truncated)}, "n.json.gz": {Data: []byte(notGzip)}}
	// Each file fails the fast path, and the stream reader names the bad records.
	lim := Limits{MaxRecordBytes: 1024, MaxInMemory: 1 << 20}
	cases := []struct {
		name     string
		records  int
		rejected []string // "line:reason prefix"
	}{
		{"l.jsonl", 3, []string{"3:record is not valid", "4:record has no eventSource", "6:record longer than 1024 bytes"}},
		{"d.json", 2, []string{"3:record has no eventSource"}},
		{"t.json", 1, []string{"3:record is not JSON"}},
		{"n.json.gz", 0, []string{"1:not a gzip file"}},
	}
	for _, tc := range cases {
		var n int
		var got []string
		err := ReadFile(context.Background(), fsys, tc.name, lim, func(*Record) error { n++; return nil },
			func(r Rejected) { got = append(got, fmt.Sprintf("%d:%s", r.Line, r.Reason)) })
		if err != nil {
			t.Fatal(err)
		}
		if n != tc.records || len(got) != len(tc.rejected) {
			t.Errorf("%s: %d records, rejected %v", tc.name, n, got)
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tc.rejected[i]) {
				t.Errorf("%s: rejected %q, want %q", tc.name, got[i], tc.rejected[i])
			}
		}
	}
}

func FuzzRead(f *testing.F) {
	files, _ := Files(os.DirFS(example), ".")
	for _, name := range files {
		if data, err := os.ReadFile(filepath.Join(example, name)); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"eventSource":"s3.amazonaws.com","eventName":"GetObject"}` + "\n{}"))
	f.Add([]byte(`{"Records":[{"eventSource":"a","eventName":"b"},1,{}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		read, rejected := 0, 0
		err := Read(context.Background(), "f.json", bytes.NewReader(data), Limits{MaxRecordBytes: 4096},
			func(r *Record) error {
				read++
				if r.Line < 1 || r.Offset < 0 || r.Offset >= int64(len(data)) {
					t.Fatalf("record at line %d offset %d of %d bytes", r.Line, r.Offset, len(data))
				}
				return nil
			},
			func(r Rejected) {
				rejected++
				if r.Line < 1 || r.Reason == "" {
					t.Fatalf("rejected without a place or reason: %+v", r)
				}
			})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// TestHostileFiles: what a damaged or forged file holds is kept where it can
// be read and rejected with a reason where it cannot, on the fast path
// (whole delivered files) as on the stream.
func TestHostileFiles(t *testing.T) {
	rec := func(name, time string) string {
		return `{"eventSource":"sagemaker.amazonaws.com","eventName":"` + name + `","eventTime":"` + time + `"}`
	}
	good := rec("CreateModel", "2026-11-20T10:00:00Z")
	delivered := func(recs ...string) string { return "{\"Records\": [\n" + strings.Join(recs, ",\n") + "\n]}" }
	many := make([]string, 5000)
	for i := range many {
		many[i] = rec("CreateModel", fmt.Sprintf("2026-11-20T10:%02d:%02dZ", i/60%60, i%60))
	}
	whole := gzipped(delivered(many...))
	big := `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2026-11-20T10:00:00Z","pad":"` + strings.Repeat("x", 2000) + `"}`
	fsys := fstest.MapFS{
		"cut.json.gz":  {Data: whole[:len(whole)/2]},
		"big.json":     {Data: []byte(delivered(good, big, good))},
		"times.json":   {Data: []byte(delivered(good, rec("CreateModel", "garbage"), rec("CreateModel", ""), rec("CreateModel", "2026-11-20"), good))},
		"names.json":   {Data: []byte(delivered(rec("*", "2026-11-20T10:00:00Z"), rec("Get\\u001b[2J", "2026-11-20T10:00:00Z"), good))},
		"bomb.json.gz": {Data: gzipped(delivered(good, good, good, good, good, good, good, good))},
	}
	lim := Limits{MaxRecordBytes: 1024, MaxInMemory: 1 << 20}
	cases := []struct {
		name     string
		records  int // -1: some, not all
		rejected []string
	}{
		{"cut.json.gz", -1, []string{":record is not JSON", ":file damaged after"}},
		{"big.json", 2, []string{"3:record longer than 1024 bytes"}},
		{"times.json", 2, []string{`3:eventTime "garbage" is not a date and time`, "4:record has no eventTime", `5:eventTime "2026-11-20" is not a date`}},
		{"names.json", 1, []string{`2:eventName "*" is not an API name`, `3:eventName "Get\x1b[2J" is not an API name`}},
		{"bomb.json.gz", 2, []string{"4:record is not JSON", "4:file damaged after 300 bytes: file too large: more than 300 bytes (decompressed)"}},
	}
	for _, tc := range cases {
		var n int
		var got []string
		l := lim
		if tc.name == "bomb.json.gz" {
			l.MaxFileBytes = 300
		}
		err := ReadFile(context.Background(), fsys, tc.name, l, func(*Record) error { n++; return nil },
			func(r Rejected) { got = append(got, fmt.Sprintf("%d:%s", r.Line, r.Reason)) })
		if err != nil {
			t.Fatal(err)
		}
		some := tc.records == -1 && n > 0 && n < len(many)
		if (n != tc.records && !some) || len(got) != len(tc.rejected) {
			t.Errorf("%s: %d records, rejected %q", tc.name, n, got)
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], tc.rejected[i]) {
				t.Errorf("%s: rejected %q, want %q", tc.name, got[i], tc.rejected[i])
			}
		}
	}
}
