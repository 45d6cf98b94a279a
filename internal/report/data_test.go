package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mlguard/mlguard/internal/data"
	"github.com/mlguard/mlguard/internal/report"
)

// TestDataGolden renders the data scan of the generated example datasets
// in every format.
func TestDataGolden(t *testing.T) {
	res, err := data.Scan(context.Background(), []string{"../../examples/data"}, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range report.DataFormats {
		var buf bytes.Buffer
		if err := report.WriteData(&buf, format, res, report.Options{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "data.golden."+format)
		if *update {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs from %s (run go test ./internal/report -update):\n%s", format, golden, buf.String())
		}
	}
}
