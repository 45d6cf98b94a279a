package report_test

import (
	"bytes"
	"context"
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
		golden(t, "data.golden."+format, buf.Bytes())
	}
}
