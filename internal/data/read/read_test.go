package read

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
)

func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(t *testing.T, p string, lim Limits) ([]Record, Info, error) {
	t.Helper()
	var recs []Record
	info, err := File(context.Background(), p, lim, func(r Record) error {
		recs = append(recs, Record{Cells: append([]Cell(nil), r.Cells...), Line: r.Line, RowGroup: r.RowGroup, Row: r.Row})
		return nil
	})
	return recs, info, err
}

func gz(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}

func TestCSV(t *testing.T) {
	src := "name;email;notes\nAda;ada@example.com;\"multi\nline\"\nBob;bob@example.com\nEve;eve@example.com;x;extra\n"
	recs, info, err := readAll(t, write(t, "people.csv", []byte(src)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if info.Records != 3 || info.Ragged != 2 || strings.Join(info.Columns, ",") != "name,email,notes" {
		t.Errorf("info %+v", info)
	}
	if recs[1].Line != 4 || recs[0].Cells[2].Value != "multi\nline" || recs[2].Cells[3].Column != "column_4" {
		t.Errorf("records %+v", recs)
	}
	// No header: columns are numbered.
	recs, info, _ = readAll(t, write(t, "n.tsv", []byte("1\tada@example.com\n2\tbob@example.com\n")), DefaultLimits)
	if len(recs) != 2 || info.Columns[1] != "column_2" {
		t.Errorf("headerless: %+v %+v", recs, info)
	}
}

// Bad input is an error with its line or row group, bounded, and what can
// still be read is read.
func TestBadInput(t *testing.T) {
	long := strings.Repeat("x", 4096)
	var bomb bytes.Buffer
	zw, _ := zstd.NewWriter(&bomb, zstd.WithEncoderLevel(zstd.SpeedBestCompression))
	zeros := bytes.Repeat([]byte("\n"), 1<<20) // short lines: only the ratio stops it
	for range 80 {
		_, _ = zw.Write(zeros)
	}
	_ = zw.Close()
	parquetData, _ := os.ReadFile("testdata/tiny.parquet")
	corrupt := append([]byte(nil), parquetData...)
	for i := 8; i < len(corrupt)-16; i += 7 {
		corrupt[i] ^= 0x5a
	}
	var rows strings.Builder
	rows.WriteString("a,b\n")
	for i := range 2000 {
		fmt.Fprintf(&rows, "%d,%d\n", i*7919, i*104729)
	}
	full := gz([]byte(rows.String()))
	truncated := full[:len(full)/2]
	lim := DefaultLimits
	lim.MaxLine = 1024
	cases := []struct {
		name    string
		data    []byte
		want    string
		partial bool
		records int64
	}{
		{"bad.csv", []byte("a,b\n1,\"x\"y\n2,3\n"), "line 2", true, 1},
		{"long.csv", []byte("a\n" + long + "\n"), "line 2: a line longer than 1024 bytes", false, 0},
		{"long.jsonl", []byte(`{"a":1}` + "\n" + `{"a":"` + long + `"}` + "\n"), "line 2: a line longer than 1024 bytes", false, 1},
		{"bad.jsonl", []byte("{\"a\":1}\nnot json\n{\"a\":2}\n"), "line 2: not JSON", true, 2},
		{"truncated.csv.gz", truncated, "unexpected EOF", false, -1},
		{"bomb.csv.zst", bomb.Bytes(), "decompression bomb", false, -1},
		{"corrupt.parquet", corrupt, "", false, -1},
		{"empty.parquet", []byte("PAR1"), "not a Parquet file", false, 0},
		{"bad.json", []byte(`[{"a": 1}, {"a": ]`), "not JSON", false, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, info, err := readAll(t, write(t, tc.name, tc.data), lim)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if Partial(err) != tc.partial {
				t.Errorf("partial = %v", Partial(err))
			}
			if tc.records >= 0 && info.Records != tc.records {
				t.Errorf("%d records read, want %d", info.Records, tc.records)
			}
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	recs, info, err := readAll(t, write(t, "u.csv", []byte("a\nbad \xff value\n")), DefaultLimits)
	if err != nil || !info.InvalidUTF || recs[0].Cells[0].Value != "bad \uFFFD value" {
		t.Errorf("%v %+v %+v", err, info, recs)
	}
}

func TestParquet(t *testing.T) {
	recs, info, err := readAll(t, "testdata/tiny.parquet", DefaultLimits)
	if err != nil || info.Records != 4 || len(recs) != 4 {
		t.Fatalf("%v %+v", err, info)
	}
	if recs[3].RowGroup != 1 || recs[3].Row != 3 || recs[0].Cells[0].Column != "email" || recs[0].Cells[0].Value != "ada@example.com" {
		t.Errorf("records %+v", recs)
	}
}

// A JSON value past the bound is an error at its line; the elements
// before it are read.
func TestLongJSONValue(t *testing.T) {
	lim := DefaultLimits
	lim.MaxLine = 1024
	big := `{"a": "` + strings.Repeat("x", 4096) + `"}`
	_, info, err := readAll(t, write(t, "a.json", []byte("[\n{\"a\": 1},\n"+big+"\n]")), lim)
	if err == nil || !strings.Contains(err.Error(), "line 3: a JSON value longer than 1024 bytes") || info.Records != 1 {
		t.Errorf("array: %v, %d records", err, info.Records)
	}
	_, _, err = readAll(t, write(t, "b.json", []byte(big)), lim)
	if err == nil || !strings.Contains(err.Error(), "longer than 1024 bytes") {
		t.Errorf("document: %v", err)
	}
	// Lines are counted across elements without keeping every line start.
	var b strings.Builder
	b.WriteString("[\n")
	for i := range 5000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"n": 1}`)
	}
	b.WriteString("\n]")
	recs, _, err := readAll(t, write(t, "c.json", []byte(b.String())), DefaultLimits)
	if err != nil || len(recs) != 5000 || recs[4999].Line != 5001 {
		t.Errorf("%v %d records, last at line %d", err, len(recs), recs[len(recs)-1].Line)
	}
}

// A quoted field of many short lines is bounded like a long line.
func TestLongRecord(t *testing.T) {
	lim := DefaultLimits
	lim.MaxLine = 1024
	field := strings.Repeat("short line\n", 20000)
	_, _, err := readAll(t, write(t, "r.csv", []byte("a,b\n1,\""+field+"\"\n")), lim)
	if err == nil || !strings.Contains(err.Error(), "a record longer than 1024 bytes") {
		t.Errorf("got %v", err)
	}
	// Many ordinary records are not one long one.
	_, info, err := readAll(t, write(t, "ok.csv", []byte("a\n"+strings.Repeat("x\n", 100000))), lim)
	if err != nil || info.Records != 100000 {
		t.Errorf("%v, %d records", err, info.Records)
	}
}

// A Parquet file whose column chunks claim more than the file holds is
// refused before anything is decoded.
func TestParquetClaims(t *testing.T) {
	data, err := os.ReadFile("testdata/tiny.parquet")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkChunks(f, int64(len(data))); err != nil {
		t.Fatalf("a sound file refused: %v", err)
	}
	f.Metadata().RowGroups[1].Columns[0].MetaData.TotalUncompressedSize = 8 << 30
	if err := checkChunks(f, int64(len(data))); err == nil || !strings.Contains(err.Error(), "row group 1: corrupt Parquet file: column chunk email claims 8589934592 bytes") {
		t.Errorf("got %v", err)
	}
}
