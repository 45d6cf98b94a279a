package helm

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seeds are the templates of the example chart.
func seeds(f *testing.F) []string {
	f.Helper()
	paths, err := filepath.Glob("../../../examples/helm/model-server/templates/*")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seed templates: %v", err)
	}
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}

// FuzzRender renders arbitrary templates and values through the child
// process: whatever they hold, the reader returns (no crash, no hang) and
// every object it reads points at a line of its template.
func FuzzRender(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s, "replicaCount: 2\n")
	}
	f.Add(pod, "name: [x]\n")
	lim := Limits{Timeout: 5 * time.Second, MaxMemory: 256 << 20, MaxOutput: 1 << 20}
	f.Fuzz(func(t *testing.T, tpl, values string) {
		fsys := memChart(map[string]string{"t.yaml": tpl})
		fsys["c/values.yaml"].Data = []byte(values)
		c, _ := Render(context.Background(), fsys, "c", Options{Limits: lim, MaxFileBytes: 1 << 20})
		lines := strings.Count(tpl, "\n") + 1
		for _, o := range c.Objects {
			if o.Range.File != "c/templates/t.yaml" || o.Range.StartLine < 0 || o.Range.StartLine > lines {
				t.Fatalf("object at %v, outside the template's %d lines", o.Range, lines)
			}
		}
	})
}

// FuzzLineMap checks the trace from output to template lines on any pair:
// one entry per output line, each a line of the template.
func FuzzLineMap(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s, "a: 1\nb:\n  - c\n")
	}
	f.Fuzz(func(t *testing.T, tpl, out string) {
		m := lineMap(tpl, out)
		if len(m) != strings.Count(out, "\n")+1 {
			t.Fatalf("%d entries for %d lines", len(m), strings.Count(out, "\n")+1)
		}
		n := strings.Count(tpl, "\n") + 1
		for _, l := range m {
			if l < 1 || l > n {
				t.Fatalf("line %d outside the template's %d lines", l, n)
			}
		}
		if v := valuesByLine(tpl); len(v) != n {
			t.Fatalf("values for %d lines, want %d", len(v), n)
		}
	})
}
