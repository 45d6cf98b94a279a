package gen

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFileWrittenTwice: a file name flushed again (events of an hour or a
// day already written) goes beside the first, and both are counted once.
func TestFileWrittenTwice(t *testing.T) {
	gg := &g{cfg: Config{Dir: t.TempDir()}}
	for _, data := range []string{"one\n", "two\n"} {
		if err := gg.writeRaw("gcp/2026-10-01.jsonl", []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{"2026-10-01.jsonl": "one\n", "2026-10-01_2.jsonl": "two\n"} {
		got, err := os.ReadFile(filepath.Join(gg.cfg.Dir, "gcp", name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if gg.stats.Files != 2 {
		t.Errorf("Files = %d, want 2", gg.stats.Files)
	}
}
