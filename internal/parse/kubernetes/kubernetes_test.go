package kubernetes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		objects  []string // Kind/namespace/name@line
		diags    string   // substring of the diagnostics, "" for none
	}{
		{"stream", "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: ns}\n---\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\n",
			[]string{"Service/ns/a@1", "Deployment//b@6"}, ""},
		{"list", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n- apiVersion: v1\n  kind: ConfigMapList\n  items:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n",
			[]string{"Pod//p@4", "ConfigMap//c@10"}, ""},
		{"json", `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}}`, []string{"Pod//j@1"}, ""},
		{"generateName", "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: train-}\n", []string{"Job//train-@1"}, ""},
		{"not an object", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\nfoo: bar\n---\n- 1\n", []string{"Pod//p@1"},
			"5: Not a Kubernetes object"},
		{"helm template", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n", nil, "Unrendered template"},
		{"invalid yaml after an object", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\nkind: [\n", []string{"Pod//p@1"}, "Invalid Kubernetes manifest"},
		{"duplicate key", "apiVersion: v1\nkind: Pod\nkind: Service\n", nil, "3: Invalid Kubernetes manifest: duplicate key \"kind\""},
		{"alias bomb", aliasBomb(), nil, "expands to more than"},
		{"deep", "apiVersion: v1\nkind: Pod\nspec: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n", nil, "nesting deeper than"},
		{"nested lists", nestedLists(20), nil, "List objects nest deeper"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			objs, diags := Parse("m.yaml", []byte(tc.in))
			var got []string
			for _, o := range objs {
				got = append(got, fmt.Sprintf("%s/%s/%s@%d", o.Kind, o.Namespace, o.Name, o.Range.StartLine))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.objects) {
				t.Errorf("objects %v, want %v", got, tc.objects)
			}
			d := fmt.Sprint(diags)
			if tc.diags == "" && len(diags) > 0 || tc.diags != "" && !strings.Contains(d, tc.diags) {
				t.Errorf("diagnostics %q, want %q", d, tc.diags)
			}
		})
	}
}

func aliasBomb() string {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	return b.String()
}

func nestedLists(n int) string {
	s := "{apiVersion: v1, kind: Pod, metadata: {name: p}}"
	for range n {
		s = "{apiVersion: v1, kind: List, items: [" + s + "]}"
	}
	return s
}

// FuzzParse feeds manifests, seeded from the rule fixtures, to the parser:
// it must never panic.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../rules/kubernetes/*/testdata/*/*.k8s.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(aliasBomb()))
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, _ := Parse("f.yaml", data)
		for _, o := range objs {
			if o.Kind == "" || o.APIVersion == "" {
				t.Fatalf("object without kind or apiVersion: %+v", o)
			}
		}
	})
}
