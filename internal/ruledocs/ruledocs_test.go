package ruledocs_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mlguard/mlguard/internal/ruledocs"
	_ "github.com/mlguard/mlguard/internal/rules/all"
	"github.com/mlguard/mlguard/internal/rules/aws/iampolicy"
)

// TestDocsCurrent fails when docs/rules does not match the registry.
func TestDocsCurrent(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "rules")
	files := ruledocs.Files(iampolicy.Documented())
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("docs/rules/%s is stale or missing; run `go generate ./internal/ruledocs`", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			t.Errorf("docs/rules/%s belongs to no rule; run `go generate ./internal/ruledocs`", e.Name())
		}
	}
}
