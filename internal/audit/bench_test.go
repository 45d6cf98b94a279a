package audit

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
	"github.com/mlguard/mlguard/internal/audit/gen"
)

// benchLogs generates a week of CloudTrail for five teams (about 340,000
// events) once per benchmark binary.
var benchLogs = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mlguard-audit-bench")
	if err != nil {
		return "", err
	}
	_, err = gen.Write(gen.Config{Dir: dir, Days: 7, Teams: 5, InvocationsPerHour: 400, Seed: 3})
	return dir, err
})

func benchDir(b *testing.B) string {
	dir, err := benchLogs()
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkRun is the whole of `mlguard audit` on the CloudTrail part of the
// generated logs, every detector on, the last day judged.
func BenchmarkRun(b *testing.B) {
	dir := benchDir(b)
	in := []Input{{FS: os.DirFS(dir), Root: "AWSLogs"}}
	var events int
	for b.Loop() {
		res, err := Run(context.Background(), in, Options{Since: time.Date(2026, 10, 7, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		events = res.Read
	}
	b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkStdlibDecode only decodes the same files with encoding/json into
// the same event type, on as many goroutines as Run uses: the yardstick
// issue 6 sets (Run within twice its time).
func BenchmarkStdlibDecode(b *testing.B) {
	dir := benchDir(b)
	fsys := os.DirFS(dir)
	files, err := cloudtrail.Files(fsys, "AWSLogs")
	if err != nil {
		b.Fatal(err)
	}
	var events int
	for b.Loop() {
		events = decodeAll(b, fsys, files)
	}
	b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

func decodeAll(b *testing.B, fsys fs.FS, files []string) int {
	var mu sync.Mutex
	total := 0
	work := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				data, err := fs.ReadFile(fsys, f)
				if err != nil {
					b.Error(err)
					continue
				}
				zr, err := gzip.NewReader(bytes.NewReader(data))
				if err != nil {
					b.Error(err)
					continue
				}
				raw, _ := io.ReadAll(zr)
				var doc struct{ Records []cloudtrail.Event }
				if err := json.Unmarshal(raw, &doc); err != nil {
					b.Error(err)
				}
				mu.Lock()
				total += len(doc.Records)
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	return total
}
