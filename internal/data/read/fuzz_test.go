package read

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// FuzzRead feeds any bytes to each reader: they end with records or an
// error, never a crash, and stay within their limits.
func FuzzRead(f *testing.F) {
	seeds := [][]byte{
		[]byte("name,email\nAda,ada@example.com\n\"quoted, field\",x\n"),
		[]byte("{\"a\": {\"b\": [1, \"x\"]}}\n{\"c\": null}\n"),
		[]byte(`[{"a": 1}, {"b": [true, 2.5]}]`),
	}
	if p, err := os.ReadFile("testdata/tiny.parquet"); err == nil {
		seeds = append(seeds, p)
	}
	for _, s := range seeds {
		for kind := range byte(4) {
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
				if len(c.Value) > lim.MaxLine && kind != 3 {
					t.Fatalf("a value of %d bytes passed the line limit", len(c.Value))
				}
			}
			return nil
		}
		ctx := context.Background()
		switch kind % 4 {
		case 0:
			_ = csvRecords(ctx, bytes.NewReader(data), CSV, lim, info, fn)
		case 1:
			_ = jsonLines(ctx, bytes.NewReader(data), lim, info, fn)
		case 2:
			_ = jsonDoc(ctx, bytes.NewReader(data), lim, info, fn)
		case 3:
			_, _ = parquetFile(ctx, bytes.NewReader(data), int64(len(data)), lim, Info{}, fn)
		}
		if int64(n) > lim.MaxRecords {
			t.Fatalf("%d records past the limit", n)
		}
	})
}
