package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/mlguard/mlguard/internal/data/gen"
)

// benchDir generates the labelled datasets at 20,000 records per file once.
func benchDir(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "mlguard-databench-20000")
	if _, err := os.Stat(filepath.Join(dir, "customers.csv")); err != nil {
		if _, err := gen.Write(dir, gen.Options{Seed: 3, Rows: 20000}); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkScan measures throughput per format on one core (-cpu 1):
// bytes of the file read (after decompression for .gz) per second, with
// every detector on.
func BenchmarkScan(b *testing.B) {
	dir := benchDir(b)
	for _, name := range []string{"customers.csv", "support/chats.jsonl", "features.parquet", "hr/identity.tsv", "logs/events.json"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		st, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				res, err := Scan(context.Background(), []string{p}, Options{Full: true})
				if err != nil || len(res.Errors) > 0 || res.Records != 20000 {
					b.Fatalf("%v %v %d", err, res.Errors, res.Records)
				}
			}
		})
	}
}

// BenchmarkScanTypical measures a feature table as most training data is:
// numbers, categories and short product text, with no personal data.
func BenchmarkScanTypical(b *testing.B) {
	p := filepath.Join(b.TempDir(), "features.csv")
	var buf []byte
	buf = append(buf, "row_id,label,score,price,category,sku,description,created\n"...)
	cats := []string{"electronics", "garden", "toys", "books", "sports"}
	for i := range 200000 {
		buf = fmt.Appendf(buf, "%d,%d,%.6f,%.2f,%s,SKU-%06d,\"compact %s item, size %d, colour %s\",2024-%02d-%02dT10:%02d:00Z\n",
			i, i%2, float64(i%1000)/997, float64(i%5000)/3.7, cats[i%5], i%999999, cats[(i+1)%5], i%40, cats[(i+2)%5], 1+i%12, 1+i%28, i%60)
	}
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Scan(context.Background(), []string{p}, Options{Full: true})
		if err != nil || len(res.Errors) > 0 || res.Records != 200000 || len(res.Findings()) != 0 {
			b.Fatalf("%v %v %d %v", err, res.Errors, res.Records, res.Findings())
		}
	}
}
