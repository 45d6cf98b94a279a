//go:build unix

package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSpecialFiles: a named pipe is reported, never opened (opening one
// waits for a writer; this test would hang rather than fail without the
// check), whether it is in the tree, linked to, or read by name.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"main.tf", "notes.pipe"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	if err := os.Symlink("main.tf", filepath.Join(dir, "link.tf")); err != nil {
		t.Fatal(err)
	}
	tree, err := Discover(context.Background(), os.DirFS(dir), ".", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Files) != 0 {
		t.Errorf("files %v, want none", tree.Files)
	}
	want := []string{
		"link.tf: special file not read: a named pipe, not a regular file (error)",
		"main.tf: special file not read: a named pipe, not a regular file (error)",
		"notes.pipe: special file not read: a named pipe, not a regular file (warning)",
	}
	var got []string
	for _, d := range tree.Diagnostics {
		sev := "warning"
		if d.Severity == SevError {
			sev = "error"
		}
		got = append(got, d.Range.File+": "+d.Summary+": "+d.Detail+" ("+sev+")")
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, read := range []func() error{
		func() error { _, err := ReadFile(os.DirFS(dir), "main.tf", 1<<20); return err },
		func() error { _, err := ReadFile(rootFS{root}, "main.tf", 1<<20); return err },
		func() error { _, err := ReadPath(filepath.Join(dir, "main.tf"), 1<<20); return err },
	} {
		if err := read(); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a named pipe") {
			t.Errorf("read a named pipe: %v", err)
		}
	}
}

// rootFS is an os.Root as the CLI gives it: a filesystem that also opens
// with flags.
type rootFS struct{ r *os.Root }

func (f rootFS) Open(name string) (fs.File, error) { return f.r.Open(name) }
func (f rootFS) OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return f.r.OpenFile(name, flag, perm)
}
