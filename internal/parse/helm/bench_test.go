package helm

import (
	"context"
	"os"
	"testing"
)

// BenchmarkRender renders the example chart: one child process, the chart
// sent to it, its output traced back to the templates.
func BenchmarkRender(b *testing.B) {
	fsys := os.DirFS("../../../examples/helm")
	for b.Loop() {
		c, diags := Render(context.Background(), fsys, "model-server", Options{MaxFileBytes: 1 << 20})
		if len(diags) > 0 || len(c.Objects) != 2 {
			b.Fatalf("%d objects, %v", len(c.Objects), diags)
		}
	}
}
