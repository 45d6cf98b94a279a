//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNamedPipesNeverBlock: a named pipe given as an argument, read by
// file(), or lying in a log tree is reported and the run ends (without the
// checks each of these waits forever for a writer).
func TestNamedPipesNeverBlock(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "tf/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = file(\"${path.module}/name.txt\")\n}\n")
	write(t, dir, "logs/ok.json", `{"Records": []}`)
	for _, p := range []string{"tf/name.txt", "logs/trail.json", "pipe.tf"} {
		if err := syscall.Mkfifo(filepath.Join(dir, p), 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	cases := []struct {
		name   string
		args   []string
		code   int
		output string
	}{
		{"argument", []string{"scan", filepath.Join(dir, "pipe.tf")}, ExitError, "a named pipe, not a regular file"},
		{"file()", []string{"scan", "--compact", filepath.Join(dir, "tf")}, ExitFindings, "not a regular file: a named pipe"},
		{"log tree", []string{"audit", "--allow-empty", filepath.Join(dir, "logs")}, ExitError, "trail.json:1: not a regular file: a named pipe"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			if code != c.code || !strings.Contains(stdout+stderr, c.output) {
				t.Errorf("exit %d, want %d; output %q, want %q in it", code, c.code, stdout+stderr, c.output)
			}
		})
	}
}
