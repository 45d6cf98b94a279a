package bicep

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// BenchmarkLoad parses and evaluates the insecure Bicep example (a
// .bicepparam file, main.bicep and its module) 100 times over, each copy a
// root of its own.
func BenchmarkLoad(b *testing.B) {
	files := map[string][]byte{}
	for _, p := range []string{"main.bicep", "main.bicepparam", "modules/compute.bicep"} {
		data, err := os.ReadFile("../../../examples/azure-insecure/bicep/" + p)
		if err != nil {
			b.Fatal(err)
		}
		for i := range 100 {
			files[fmt.Sprintf("c%d/%s", i, p)] = data
		}
	}
	read := func(p string) ([]byte, error) {
		if d, ok := files[p]; ok {
			return d, nil
		}
		return nil, os.ErrNotExist
	}
	b.ReportAllocs()
	for b.Loop() {
		fs := NewFiles(read)
		for i := range 100 {
			t, diags := fs.Load(context.Background(), fmt.Sprintf("c%d/main.bicepparam", i), Options{})
			if len(diags) > 0 || len(t.Resources) != 11 {
				b.Fatalf("%d resources, %v", len(t.Resources), diags)
			}
		}
	}
}
