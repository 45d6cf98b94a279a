package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/source"
)

// seeds adds every file under the rule fixtures and examples matching glob.
func seeds(f *testing.F, glob string) {
	for _, pattern := range []string{"../../rules/*/*/testdata/*/*/" + glob, "../../rules/*/*/testdata/*/" + glob, "../../../examples/*/" + glob} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
}

// FuzzLoadHCL: any file content loads and evaluates without panicking.
func FuzzLoadHCL(f *testing.F) {
	seeds(f, "*.tf")
	f.Add([]byte("locals {\n a = local.b\n b = local.a\n}"))
	f.Add([]byte(`resource "x" "y" { count = 1e9 }`))
	f.Add([]byte("locals {\n  h = <<EOT\n" + strings.Repeat("${[", 600) + strings.Repeat("]}", 600) + "\nEOT\n}\n"))
	f.Add([]byte(doubling(30)))
	f.Add([]byte(`locals { x = [for i in range(100) : [for j in range(100) : [for k in range(100) : k]]] }`))
	f.Add([]byte(`locals { t = templatefile("t.tpl", {}) }`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The same bytes as configuration, as a variables file, as a
		// template and as Terraform JSON, so each reader meets them.
		fsys := fstest.MapFS{"main.tf": {Data: data}, "mod/main.tf": {Data: data}, "terraform.tfvars": {Data: data}, "j/main.tf.json": {Data: data}, "t.tpl": {Data: data}}
		tree, err := source.Discover(context.Background(), fsys, ".", source.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		// Small bounds keep each input quick for the fuzzer.
		lim := EvalLimits{Steps: 10_000, Elements: 10_000, Bytes: 1 << 20, RootSteps: 200_000}
		if _, err := Load(context.Background(), tree, Options{MaxInstances: 100, Eval: lim}); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzLoadPlan: any bytes given as a plan either load or produce diagnostics.
func FuzzLoadPlan(f *testing.F) {
	seeds(f, "*.plan.json")
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		LoadPlan("plan.json", data)
	})
}
