package read

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzRead feeds any bytes to each text reader (CSV, JSON Lines, JSON):
// they end with records or an error, never a crash, and stay within their
// limits. Parquet has FuzzParquet, through the child process it is decoded
// in.
func FuzzRead(f *testing.F) {
	seeds := [][]byte{
		[]byte("name,email\nAda,ada@example.com\n\"quoted, field\",x\n"),
		[]byte("{\"a\": {\"b\": [1, \"x\"]}}\n{\"c\": null}\n"),
		[]byte(`[{"a": 1}, {"b": [true, 2.5]}]`),
	}
	for _, s := range seeds {
		for kind := range byte(3) {
			f.Add(kind, s)
		}
	}
	lim := Limits{MaxLine: 1 << 16, MaxBytes: 1 << 24, MaxRecords: 10_000, MaxBadLines: 10}
	f.Fuzz(func(t *testing.T, kind byte, data []byte) {
		info := &Info{}
		n := 0
		fn := func(r Record) error {
			n++
			for _, c := range r.Cells {
				if len(c.Value) > lim.MaxLine {
					t.Fatalf("a value of %d bytes passed the line limit", len(c.Value))
				}
			}
			return nil
		}
		ctx := context.Background()
		switch kind % 3 {
		case 0:
			_ = csvRecords(ctx, bytes.NewReader(data), CSV, lim, info, fn)
		case 1:
			_ = jsonLines(ctx, bytes.NewReader(data), lim, info, fn)
		case 2:
			_ = jsonDoc(ctx, bytes.NewReader(data), lim, info, fn)
		}
		if int64(n) > lim.MaxRecords {
			t.Fatalf("%d records past the limit", n)
		}
	})
}

// FuzzParquet feeds any bytes to the Parquet reader, through the bounded
// child process: a file that makes the decoder run away is an error, not a
// crash of the reader. (Each input starts a process: few run a second.)
func FuzzParquet(f *testing.F) {
	seed, err := os.ReadFile("testdata/tiny.parquet")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	dir := f.TempDir()
	saved := ParquetLimits
	ParquetLimits.Timeout, ParquetLimits.MaxMemory = 20*time.Second, 256<<20
	f.Cleanup(func() { ParquetLimits = saved })
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.parquet")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, _ = File(context.Background(), p, Limits{MaxLine: 1 << 16, MaxBytes: 1 << 24, MaxRecords: 10_000, MaxBadLines: 10}, func(Record) error { return nil })
	})
}
