package read

import (
	"bytes"
	"context"
	"testing"
)

// FuzzRead feeds any bytes to each text reader (CSV, JSON Lines, JSON):
// they end with records or an error, never a crash, and stay within their
// limits. Parquet is not fuzzed here: fuzzing parquet-go found corrupt page
// headers that make it allocate or work without bound (the fuzz worker is
// killed), which the metadata checks of parquetFile do not catch; it is a
// known gap (docs/data.md), to close by decoding in a bounded child process
// as charts are rendered.
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
