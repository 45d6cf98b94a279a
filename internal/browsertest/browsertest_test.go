package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProblemsSeen: a page that throws, logs an error and loads an image
// is caught on all three counts, and a quiet page on none. The image is a
// file that does not exist: no test touches the network.
func TestProblemsSeen(t *testing.T) {
	dir := t.TempDir()
	noisy := filepath.Join(dir, "noisy.html")
	quiet := filepath.Join(dir, "quiet.html")
	write := func(name, body string) {
		if err := os.WriteFile(name, []byte("<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title></head><body>"+body+"</body></html>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(noisy, `<img src="file:///nonexistent/pixel.png" alt=""><script>console.error("broken"); undefinedFunction();</script>`)
	write(quiet, `<p id="x">fine</p><script>document.getElementById("x").textContent = "still fine";</script>`)
	got := strings.Join(Open(t, noisy).Problems(), "\n")
	for _, want := range []string{`console error: "broken"`, "undefinedFunction", "request Image file:///nonexistent/pixel.png"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems %q miss %q", got, want)
		}
	}
	p := Open(t, quiet)
	if got := p.Problems(); len(got) > 0 {
		t.Errorf("a quiet page: %q", got)
	}
	if text := Eval[string](p, `document.getElementById("x").textContent`); text != "still fine" {
		t.Errorf("script did not run: %q", text)
	}
}
