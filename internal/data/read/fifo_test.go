//go:build unix

package read

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe named like a dataset is an error, never opened: opening it
// would wait for a writer forever.
func TestNamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "stream.csv")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	_, err := File(context.Background(), p, DefaultLimits, func(Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("got %v", err)
	}
}
