package bicep

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad reads and evaluates any text as a Bicep file that calls itself
// and a module: it ends with resources or diagnostics, never a crash or a
// hang, and every resource it reads has a type and lines in a file read.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("../../../examples/azure-*/bicep/*.bicep")
	more, _ := filepath.Glob("../../rules/azure/*/testdata/*/*.bicep")
	for _, p := range append(seeds, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	if len(seeds) == 0 {
		f.Fatal("no seeds")
	}
	f.Fuzz(func(t *testing.T, src string) {
		tpl, _ := load(t, map[string]string{
			"main.bicep":            src,
			"modules/compute.bicep": src,
			"main.bicepparam":       "using 'main.bicep'\nparam workspaceName = 'w'\n",
			"modules/unused.bicep":  "param x string\n",
		}, "main.bicep", nil)
		for _, r := range tpl.Resources {
			if r.Type == "" || (r.Range.File != "main.bicep" && r.Range.File != "modules/compute.bicep") || r.Range.StartLine < 1 {
				t.Fatalf("resource %+v", r)
			}
		}
	})
}
