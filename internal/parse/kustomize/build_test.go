package kustomize

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestBuildExample(t *testing.T) {
	b, diags := Run(context.Background(), os.DirFS("../../../examples/kustomize"), "overlays/prod", 1<<20)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, o := range b.Objects {
		got = append(got, fmt.Sprintf("%s %s/%s %s:%d", o.Kind, o.Namespace, o.Name, o.Range.File, o.Range.StartLine))
	}
	want := []string{
		"Deployment ml-prod/prod-feature-api base/deployment.yaml:1",
		"Service ml-prod/prod-feature-api base/service.yaml:1",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("objects:\n got %q\nwant %q", got, want)
	}
	dep := b.Objects[0].Doc
	if ann := dep.Path("metadata", "annotations"); ann != nil {
		t.Errorf("the origin annotation the build added was kept: %v", ann.Keys)
	}
	ctrs := dep.Path("spec", "template", "spec", "containers").List
	at := func(what string, line int, file string, wantLine int) {
		t.Helper()
		if line != wantLine {
			t.Errorf("%s at %s:%d, want line %d", what, file, line, wantLine)
		}
	}
	byName := map[string]int{}
	for i, c := range ctrs {
		n, _ := c.Get("name").Text()
		byName[n] = i
	}
	api, debug := ctrs[byName["api"]], ctrs[byName["debug"]]
	at("api image (base)", api.Get("image").Range.StartLine, api.Get("image").Range.File, 19)
	if f := debug.Path("securityContext", "privileged").Range.File; f != "overlays/prod/debug-sidecar.yaml" {
		t.Errorf("the patched container points at %s, want the patch", f)
	}
	at("debug privileged (patch)", debug.Path("securityContext", "privileged").Range.StartLine, "", 12)
	svcType := b.Objects[1].Doc.Path("spec", "type")
	if v, _ := svcType.Text(); v != "LoadBalancer" || svcType.Range.File != "base/service.yaml" || svcType.Range.StartLine != 5 {
		t.Errorf("an inline JSON patch's value takes its parent's line in the base: %q at %v", v, svcType.Range)
	}
	for _, want := range []string{"base/deployment.yaml", "base/kustomization.yaml", "overlays/prod/debug-sidecar.yaml", "overlays/prod/kustomization.yaml"} {
		if !slices.Contains(b.Sources, want) {
			t.Errorf("sources %q lack %s", b.Sources, want)
		}
	}
}

const deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n"

// A remote base is a warning at its line and is left out; the local
// resources are still built. Nothing is fetched.
func TestRemoteBase(t *testing.T) {
	fsys := fstest.MapFS{
		"k/kustomization.yaml": {Data: []byte("resources:\n  - d.yaml\n  - github.com/example/ml-base//serving?ref=v1.2.0\n  - https://example.com/base.yaml\n")},
		"k/d.yaml":             {Data: []byte(deployment)},
	}
	b, diags := Run(context.Background(), fsys, "k", 1<<20)
	if len(b.Objects) != 1 || b.Objects[0].Name != "d" {
		t.Fatalf("objects: %+v", b.Objects)
	}
	var lines []int
	for _, d := range diags {
		if d.Summary != "Remote base not read" || d.Range.File != "k/kustomization.yaml" {
			t.Errorf("unexpected %v", d)
		}
		lines = append(lines, d.Range.StartLine)
	}
	if !slices.Equal(lines, []int{3, 4}) {
		t.Errorf("warnings at lines %v, want 3 and 4", lines)
	}
}

func TestBuildErrors(t *testing.T) {
	cases := map[string]fstest.MapFS{
		"missing resource": {"k/kustomization.yaml": {Data: []byte("resources:\n  - nope.yaml\n")}},
		"helm inflation":   {"k/kustomization.yaml": {Data: []byte("helmCharts:\n  - name: x\n    repo: https://example.com\n")}},
		"escapes the tree": {"k/kustomization.yaml": {Data: []byte("resources:\n  - ../../etc/passwd\n")}},
		"base cycle": {
			"a/kustomization.yaml": {Data: []byte("resources:\n  - ../b\n")},
			"b/kustomization.yaml": {Data: []byte("resources:\n  - ../a\n")},
		},
	}
	for name, fsys := range cases {
		t.Run(name, func(t *testing.T) {
			dir := "k"
			if _, ok := fsys["a/kustomization.yaml"]; ok {
				dir = "a"
			}
			_, diags := Run(context.Background(), fsys, dir, 1<<20)
			if !diags.HasErrors() || !strings.HasPrefix(diags[len(diags)-1].Range.File, dir+"/kustomization.yaml") {
				t.Fatalf("want an error at the kustomization, got %v", diags)
			}
		})
	}
}

func FuzzBuild(f *testing.F) {
	for _, dir := range []string{"base", "overlays/prod"} {
		k, err := os.ReadFile("../../../examples/kustomize/" + dir + "/kustomization.yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(k), deployment)
	}
	f.Add("resources: [d.yaml]\npatches:\n- patch: '[{\"op\":\"add\",\"path\":\"/x\",\"value\":1}]'\n  target: {kind: Deployment}\n", deployment)
	f.Fuzz(func(t *testing.T, kust, res string) {
		fsys := fstest.MapFS{
			"k/kustomization.yaml": {Data: []byte(kust)},
			"k/d.yaml":             {Data: []byte(res)},
			"k/deployment.yaml":    {Data: []byte(res)},
			"k/service.yaml":       {Data: []byte(res)},
		}
		b, _ := Run(context.Background(), fsys, "k", 1<<20)
		for _, o := range b.Objects {
			if !strings.HasPrefix(o.Range.File, "k/") {
				t.Fatalf("object at %v, outside the tree", o.Range)
			}
		}
	})
}
