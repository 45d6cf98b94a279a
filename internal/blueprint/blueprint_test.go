package blueprint

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/scan"
)

// TestEmbedded requires the binary's blueprints to be the source tree's.
func TestEmbedded(t *testing.T) {
	emb, err := List(FS())
	if err != nil {
		t.Fatal(err)
	}
	src := sourceBlueprints(t)
	if len(emb) != len(src) || len(emb) != 7 {
		t.Fatalf("%d embedded, %d in the source tree, want 7", len(emb), len(src))
	}
	for i := range emb {
		if emb[i].Name != src[i].Name || len(emb[i].Inputs) != len(src[i].Inputs) {
			t.Errorf("embedded %s differs from %s", emb[i].Name, src[i].Name)
		}
	}
	if _, err := Find(FS(), "secure-notebook"); err != nil {
		t.Error(err)
	}
	if _, err := Find(FS(), "notebook"); err == nil || !strings.Contains(err.Error(), "aws/secure-notebook") {
		t.Errorf("unknown name: %v", err)
	}
}

// TestInit writes every blueprint's root module, scans it (no findings:
// the module was copied with it) and refuses to write over it again; with
// --source the call points there and no module is copied.
func TestInit(t *testing.T) {
	for _, b := range sourceBlueprints(t) {
		b, err := Find(FS(), b.Name)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "stack")
		written, err := Init(FS(), b, dir, "")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSorted(written) || len(written) < 5 {
			t.Errorf("%s: wrote %v", b.Name, written)
		}
		res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(dir), Root: "."}}, scan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) > 0 || len(res.Errors) > 0 || len(res.Files) < 5 {
			t.Errorf("%s: %d findings, %d errors, %d files", b.Name, len(res.Findings), len(res.Errors), len(res.Files))
		}
		if _, err := Init(FS(), b, dir, ""); err == nil || !strings.Contains(err.Error(), "exists already") {
			t.Errorf("%s: second init: %v", b.Name, err)
		}
		other := filepath.Join(t.TempDir(), "stack")
		src := "git::https://example.com/mlguard.git//blueprints/" + b.Name + "?ref=v1.0.0"
		if _, err := Init(FS(), b, other, src); err != nil {
			t.Fatal(err)
		}
		main, _ := os.ReadFile(filepath.Join(other, "main.tf"))
		if !strings.Contains(string(main), `source = "`+src+`"`) {
			t.Errorf("%s: source not set:\n%s", b.Name, main)
		}
		if _, err := os.Stat(filepath.Join(other, "modules")); err == nil {
			t.Errorf("%s: module copied although --source was given", b.Name)
		}
	}
}
