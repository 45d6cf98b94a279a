package flowlog

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/audit/jsonrec"
)

func readAll(t testing.TB, fsys fstest.MapFS, name string) ([]event.Event, []jsonrec.Rejected, error) {
	var evs []event.Event
	var rej []jsonrec.Rejected
	err := ReadFile(context.Background(), fsys, name, nil, func(e *event.Event) error {
		evs = append(evs, *e)
		return nil
	}, func(r jsonrec.Rejected) { rej = append(rej, r) })
	return evs, rej, err
}

func testdata(t *testing.T) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, n := range []string{"default.log", "v5-header.log", "v5-header.log.gz"} {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			t.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// TestFormats: the default format without a header, a version 5 custom
// format with its header, plain and gzip, read to the same fields.
func TestFormats(t *testing.T) {
	fsys := testdata(t)
	evs, rej, err := readAll(t, fsys, "default.log")
	if err != nil || len(rej) != 0 || len(evs) != 2 {
		t.Fatalf("default: %d events, %v, %v", len(evs), rej, err)
	}
	e := evs[0]
	if e.Flow.Interface != "eni-0tr9" || e.Flow.Src.String() != "10.20.3.9" || e.Flow.Dst.String() != "52.94.133.131" ||
		e.Flow.SrcPort != 41000 || e.Flow.DstPort != 443 || e.Flow.Protocol != 6 || e.Bytes != 21000 || e.Action != "ACCEPT" ||
		e.Time.Format("2006-01-02T15:04:05Z") != "2026-11-20T10:15:00Z" || e.Flow.TrafficPath != 0 || e.Source.Line != 1 || e.Account != "111122223333" {
		t.Errorf("default record: %+v %+v", e, e.Flow)
	}
	plain, rej, err := readAll(t, fsys, "v5-header.log")
	if err != nil || len(rej) != 0 || len(plain) != 9 {
		t.Fatalf("v5: %d events, %v, %v", len(plain), rej, err)
	}
	gz, _, _ := readAll(t, fsys, "v5-header.log.gz")
	if len(gz) != len(plain) {
		t.Fatalf("gzip: %d events, plain %d", len(gz), len(plain))
	}
	e = plain[0]
	if e.Flow.TrafficPath != 7 || e.Flow.DstService != "S3" || e.Flow.Direction != "egress" || e.Flow.Subnet != "subnet-0nb" ||
		e.Flow.VPC != "vpc-0a1" || e.Source.Line != 2 {
		t.Errorf("v5 record: %+v", e.Flow)
	}
	if n := plain[7]; n.Flow.Status != "NODATA" || n.Flow.Src.IsValid() || n.Action != "" {
		t.Errorf("NODATA record: %+v %+v", n, n.Flow)
	}
}

// TestRejected: each bad line is named with its line and why; the rest
// of the file is read.
func TestRejected(t *testing.T) {
	good := "2 111122223333 eni-1 10.0.0.1 10.0.0.2 40000 443 6 1 60 1795168800 1795168860 ACCEPT OK"
	for _, tc := range []struct {
		line, want string
	}{
		{"2 111122223333 eni-1 10.0.0.1 10.0.0.2 40000 443 6 1 60 1795168800 ACCEPT OK", "13 fields where the format has 14"},
		{strings.Replace(good, "10.0.0.2", "10.0.0.999", 1), `dstaddr "10.0.0.999"`},
		{strings.Replace(good, "40000", "70000", 1), `srcport "70000": out of range`},
		{strings.Replace(good, "ACCEPT", "ALLOW", 1), `action "ALLOW": not ACCEPT or REJECT`},
		{strings.Replace(good, "1795168800", "-5", 1), "start -5 or end 1795168860 out of range"},
		{strings.Replace(good, " 60 ", " lots ", 1), `bytes "lots": invalid syntax`},
		{strings.Replace(good, "1795168860", "999999999999999", 1), "out of range"},
	} {
		fsys := fstest.MapFS{"f.log": {Data: []byte(good + "\n" + tc.line + "\n" + good + "\n")}}
		evs, rej, err := readAll(t, fsys, "f.log")
		if err != nil || len(evs) != 2 || len(rej) != 1 || rej[0].Line != 2 || !strings.Contains(rej[0].Reason, tc.want) {
			t.Errorf("%q: %d events, %+v, %v; want line 2: %s", tc.line, len(evs), rej, err, tc.want)
		}
	}
	long := fstest.MapFS{"f.log": {Data: []byte(good + "\n" + strings.Repeat("x", MaxLine+1) + "\n")}}
	if evs, _, err := readAll(t, long, "f.log"); err == nil || len(evs) != 1 || !strings.Contains(err.Error(), "line 2: longer than") {
		t.Errorf("long line: %d events, %v", len(evs), err)
	}
	newer := fstest.MapFS{"f.log": {Data: []byte("version srcaddr dstaddr start end action quantum-path\n" + good + "\n")}}
	if evs, rej, err := readAll(t, newer, "f.log"); err == nil || len(evs) != 0 || len(rej) != 0 ||
		!strings.Contains(err.Error(), "line 1: a header naming fields this reader does not know (quantum-path)") {
		t.Errorf("unknown header field: %d events, %v, %v", len(evs), rej, err)
	}
	notgz := fstest.MapFS{"f.log.gz": {Data: []byte(good)}}
	if _, rej, _ := readAll(t, notgz, "f.log.gz"); len(rej) != 1 || !strings.Contains(rej[0].Reason, "not a gzip file") {
		t.Errorf("not gzip: %+v", rej)
	}
}

// TestSniffers: what tells a flow log file from others.
func TestSniffers(t *testing.T) {
	if Header("version account-id interface-id srcaddr") == nil || Header(`{"Records": []}`) != nil || Header("version") != nil {
		t.Error("Header")
	}
	if !IsDefaultRecord("2 111122223333 eni-1 10.0.0.1 10.0.0.2 40000 443 6 1 60 1 2 ACCEPT OK") || IsDefaultRecord("nothing here") {
		t.Error("IsDefaultRecord")
	}
	if !IsLog("a/b.log.gz") || IsLog("notes.txt") {
		t.Error("IsLog")
	}
}

// FuzzRead: any bytes are read without a panic, every line is either an
// event or a rejection, and events carry valid flows.
func FuzzRead(f *testing.F) {
	for _, n := range []string{"default.log", "v5-header.log"} {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("version srcaddr dstaddr start\n- - - 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		err := Read(context.Background(), strings.NewReader(string(data)), nil, func(e *event.Event) error {
			n++
			if e.Flow == nil || e.Time.IsZero() && e.Flow.Status == "OK" {
				t.Fatalf("event without a flow or a time: %+v", e)
			}
			return nil
		}, func(jsonrec.Rejected) { n++ })
		if err == nil && n > strings.Count(string(data), "\n")+1 {
			t.Fatalf("%d results for %d lines", n, strings.Count(string(data), "\n")+1)
		}
	})
}

// TestFormatFlag: a headerless custom format is read with the fields given
// the way AWS writes a format.
func TestFormatFlag(t *testing.T) {
	fields, err := ParseFormat("${version} ${vpc-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${start} ${end} ${action} ${traffic-path}")
	if err != nil {
		t.Fatal(err)
	}
	var evs []event.Event
	err = Read(context.Background(), strings.NewReader("5 vpc-1 10.0.0.1 198.51.100.1 40000 443 1795168800 1795168860 ACCEPT 8\n"), fields,
		func(e *event.Event) error { evs = append(evs, *e); return nil }, func(r jsonrec.Rejected) { t.Errorf("rejected: %+v", r) })
	if err != nil || len(evs) != 1 || evs[0].Flow.TrafficPath != 8 || evs[0].Flow.VPC != "vpc-1" {
		t.Errorf("%v %+v", err, evs)
	}
	if _, err := ParseFormat("${version} ${colour}"); err == nil || !strings.Contains(err.Error(), `"${colour}" is not a flow log field`) {
		t.Errorf("unknown field: %v", err)
	}
}
