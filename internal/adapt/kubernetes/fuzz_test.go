package kubernetes_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	adapt "github.com/mlguard/mlguard/internal/adapt/kubernetes"
	parse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	_ "github.com/mlguard/mlguard/internal/rules/all"
)

// FuzzAdapt parses manifests, adapts them and runs every Kubernetes rule:
// objects of any shape (a string where a list belongs, lists of scalars)
// must never panic.
func FuzzAdapt(f *testing.F) {
	seeds, _ := filepath.Glob("../../rules/kubernetes/*/testdata/*/*.k8s.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: 3\n      volumes: [1, {hostPath: x}]\n"))
	var rules []*rule.Rule
	for _, r := range rule.All() {
		if r.Provider == "kubernetes" {
			rules = append(rules, r)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, _ := parse.Parse("f.yaml", data)
		in := (&rule.Input{Kubernetes: adapt.Adapt(objs)}).Fill()
		for _, r := range rules {
			if _, err := r.Run(context.Background(), in); err != nil {
				t.Fatal(err)
			}
		}
	})
}
