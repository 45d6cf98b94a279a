package arm

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: no template makes the reader panic or hang, and every resource
// it returns has an address and a body. Seeded from the ARM fixtures of the
// Azure rules and the examples.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../rules/azure/*/testdata/*/*.arm.json")
	more, _ := filepath.Glob("../../../examples/azure-*/arm/*.json")
	for _, p := range append(seeds, more...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"$schema": "deploymentTemplate.json", "resources": [{"type": "A.B/c", "name": "[concat(parameters('x'), '/', variables('y'))]", "copy": {"count": 2}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tpl, _ := Parse(context.Background(), "fuzz.json", data, Options{})
		for _, r := range tpl.Resources {
			if r.Address == "" || r.Body == nil {
				t.Fatalf("resource without address or body: %+v", r)
			}
		}
	})
}
