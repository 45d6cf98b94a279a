package helm

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	kubeparse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/source"
)

// example is the chart in examples/helm, rendered with its defaults.
func example(t *testing.T, values map[string]any) (*Chart, source.Diagnostics) {
	t.Helper()
	return Render(context.Background(), os.DirFS("../../../examples/helm"), "model-server", Options{Values: values, MaxFileBytes: 1 << 20})
}

func TestRenderExampleLines(t *testing.T) {
	c, diags := example(t, nil)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, o := range c.Objects {
		got = append(got, fmt.Sprintf("%s %s %s:%d", o.Kind, o.Name, o.Range.File, o.Range.StartLine))
	}
	want := []string{
		"Deployment release-name-model-server model-server/templates/deployment.yaml:1",
		"Service release-name-model-server model-server/templates/service.yaml:1",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("objects:\n got %q\nwant %q", got, want)
	}
	dep := c.Objects[0].Doc
	ctr := dep.Path("spec", "template", "spec", "containers").List[0]
	cases := []struct {
		what   string
		line   int
		values []string
	}{
		{"image", ctr.Get("image").Range.StartLine, []string{"image.repository", "image.tag"}},
		{"privileged", ctr.Path("securityContext", "privileged").Range.StartLine, []string{"securityContext"}},
		{"securityContext", ctr.Get("securityContext").Range.StartLine, []string{"securityContext"}},
		{"replicas", dep.Path("spec", "replicas").Range.StartLine, []string{"replicaCount"}},
		{"labels", dep.Path("metadata", "labels", "app.kubernetes.io/name").Range.StartLine, nil},
	}
	wantLines := map[string]int{"image": 19, "privileged": 25, "securityContext": 24, "replicas": 8, "labels": 6}
	for _, tc := range cases {
		if tc.line != wantLines[tc.what] {
			t.Errorf("%s at line %d, want %d", tc.what, tc.line, wantLines[tc.what])
		}
		if got := c.Values("model-server/templates/deployment.yaml", tc.line); !slices.Equal(got, tc.values) {
			t.Errorf("%s: values %q, want %q", tc.what, got, tc.values)
		}
	}
}

func TestRenderWithValues(t *testing.T) {
	vals, err := Values([]ValuesFile{{Name: "prod.yaml", Data: []byte("networkPolicy:\n  enabled: true\nimage:\n  tag: 0.6.3\n")}},
		[]string{"service.type=ClusterIP", "image.tag=0.6.4"})
	if err != nil {
		t.Fatal(err)
	}
	c, diags := example(t, vals)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	kinds := map[string]*kubeparse.Object{}
	for _, o := range c.Objects {
		kinds[o.Kind] = o
	}
	if kinds["NetworkPolicy"] == nil || kinds["NetworkPolicy"].Range.File != "model-server/templates/networkpolicy.yaml" || kinds["NetworkPolicy"].Range.StartLine != 2 {
		t.Errorf("NetworkPolicy not rendered from its template line 2: %+v", kinds["NetworkPolicy"])
	}
	img, _ := kinds["Deployment"].Doc.Path("spec", "template", "spec", "containers").List[0].Get("image").Text()
	if img != "vllm/vllm-openai:0.6.4" {
		t.Errorf("image %q: --set must win over the values file", img)
	}
	if typ, _ := kinds["Service"].Doc.Path("spec", "type").Text(); typ != "ClusterIP" {
		t.Errorf("service type %q", typ)
	}
}

// memChart builds a chart in memory from its templates.
func memChart(templates map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"c/Chart.yaml":  {Data: []byte("apiVersion: v2\nname: c\nversion: 0.1.0\n")},
		"c/values.yaml": {Data: []byte("name: web\n")},
	}
	for name, text := range templates {
		fsys["c/templates/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  containers:\n    - name: a\n      image: a:1\n"

// Hostile charts end with an error naming the bound, and the scan goes on:
// the bounds are set low here only so the test is quick.
func TestHostileCharts(t *testing.T) {
	lim := Limits{Timeout: time.Minute, MaxMemory: 256 << 20, MaxOutput: 4 << 20}
	short := lim
	short.Timeout = 3 * time.Second
	cases := []struct {
		name, tpl, want string
		lim             Limits
	}{
		{"endless loop", `{{ range $i := until 100000 }}{{ range $j := until 100000 }}{{ range $k := until 100000 }}{{ end }}{{ end }}{{ end }}`, "rendering took longer than 3s", short},
		{"huge string", `{{ $s := "x" }}{{ range $i := until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}{{ $s }}`, "more than 256 MiB of memory", lim},
		{"huge output", `{{ range $i := until 300000 }}a: abcdefghijabcdefghijabcdefghij
{{ end }}`, "exceed 4 MiB", lim},
		{"recursive include", `{{ define "loop" }}{{ include "loop" . }}{{ end }}{{ include "loop" . }}`, "nested reference", lim},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Render(context.Background(), memChart(map[string]string{"bad.yaml": tc.tpl}), "c", Options{Limits: tc.lim, MaxFileBytes: 1 << 20})
			if len(diags) != 1 || !diags.HasErrors() || !strings.Contains(diags[0].Detail, tc.want) {
				t.Fatalf("want one error with %q, got %v", tc.want, diags)
			}
		})
	}
}

// A template that fails is an error at its line; the other templates are
// still rendered and read.
func TestBrokenTemplateRestRendered(t *testing.T) {
	fsys := memChart(map[string]string{
		"pod.yaml":    pod,
		"broken.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  x: {{ required \"x is required\" .Values.x }}\n",
	})
	c, diags := Render(context.Background(), fsys, "c", Options{MaxFileBytes: 1 << 20})
	if len(diags) != 1 || diags[0].Range.File != "c/templates/broken.yaml" || diags[0].Range.StartLine != 4 || !strings.Contains(diags[0].Detail, "x is required") {
		t.Fatalf("want one error at c/templates/broken.yaml:4, got %v", diags)
	}
	if len(c.Objects) != 1 || c.Objects[0].Name != "web" || c.Objects[0].Range.File != "c/templates/pod.yaml" {
		t.Fatalf("the other template was not read: %+v", c.Objects)
	}
}

func TestChartNotLoaded(t *testing.T) {
	fsys := fstest.MapFS{"c/Chart.yaml": {Data: []byte("name: [\n")}}
	_, diags := Render(context.Background(), fsys, "c", Options{MaxFileBytes: 1 << 20})
	if len(diags) != 1 || diags[0].Range.File != "c/Chart.yaml" || diags[0].Summary != "Helm chart not rendered" {
		t.Fatalf("got %v", diags)
	}
}

func TestLineMap(t *testing.T) {
	tpl := "a: 1\n{{- range .Values.xs }}\n- name: {{ . }}\n  on: true\n{{- end }}\nblock:\n  {{- toYaml .Values.b | nindent 2 }}\nz: {{ .Values.z }}\n"
	out := "a: 1\n- name: p\n  on: true\n- name: q\n  on: true\nblock:\n  k: v\n  j: w\nz: 3\n"
	want := []int{1, 3, 4, 3, 4, 6, 7, 7, 8, 8}
	if got := lineMap(tpl, out); !slices.Equal(got, want) {
		t.Fatalf("lineMap = %v, want %v", got, want)
	}
}

// A dependency under charts/ is rendered with its parent's values for it,
// and left out when its condition is false, as helm template does.
func TestDependencies(t *testing.T) {
	fsys := fstest.MapFS{
		"c/Chart.yaml":                    {Data: []byte("apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n  condition: sub.enabled\n")},
		"c/values.yaml":                   {Data: []byte("sub:\n  enabled: false\n  name: from-parent\n")},
		"c/charts/sub/Chart.yaml":         {Data: []byte("apiVersion: v2\nname: sub\nversion: 0.1.0\n")},
		"c/charts/sub/values.yaml":        {Data: []byte("name: own\n")},
		"c/charts/sub/templates/pod.yaml": {Data: []byte(pod)},
	}
	for _, tc := range []struct {
		values map[string]any
		want   []string
	}{
		{nil, nil},
		{map[string]any{"sub": map[string]any{"enabled": true}}, []string{"from-parent c/charts/sub/templates/pod.yaml:1"}},
	} {
		c, diags := Render(context.Background(), fsys, "c", Options{Values: tc.values, MaxFileBytes: 1 << 20})
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		var got []string
		for _, o := range c.Objects {
			got = append(got, fmt.Sprintf("%s %s:%d", o.Name, o.Range.File, o.Range.StartLine))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("values %v: objects %q, want %q", tc.values, got, tc.want)
		}
	}
}

// A render that is not valid YAML is an error at the template's line.
func TestInvalidOutput(t *testing.T) {
	fsys := memChart(map[string]string{"dup.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: x\n    {{- if true }}\n    a: y\n    {{- end }}\n"})
	_, diags := Render(context.Background(), fsys, "c", Options{MaxFileBytes: 1 << 20})
	if len(diags) != 1 || diags[0].Range.String() != "c/templates/dup.yaml:7" || !strings.Contains(diags[0].Detail, "first at line 5 of the template") {
		t.Fatalf("got %v", diags)
	}
}

// A chart's files other than templates, Chart.yaml and values may be
// binary (a logo): they are loaded as Helm loads them, not refused; a binary
// template still is.
func TestBinaryChartFiles(t *testing.T) {
	fsys := memChart(map[string]string{"pod.yaml": pod})
	fsys["c/logo.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")}
	c, diags := Render(context.Background(), fsys, "c", Options{MaxFileBytes: 1 << 20})
	if len(diags) > 0 || len(c.Objects) != 1 {
		t.Fatalf("a chart with a logo: %v, %d objects", diags, len(c.Objects))
	}
	fsys["c/templates/bin.yaml"] = &fstest.MapFile{Data: []byte("a: \x00\n")}
	if _, diags := Render(context.Background(), fsys, "c", Options{MaxFileBytes: 1 << 20}); len(diags) != 1 || diags[0].Range.File != "c/templates/bin.yaml" {
		t.Fatalf("a binary template: %v", diags)
	}
}

// A dependency packaged under charts/ (as helm dependency build leaves it)
// is read from its archive and rendered, its objects pointing at the archive.
func TestPackagedDependency(t *testing.T) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, text := range map[string]string{
		"sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n", "sub/values.yaml": "name: packaged\n", "sub/templates/pod.yaml": pod,
	} {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(text))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"c/Chart.yaml":           {Data: []byte("apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n")},
		"c/charts/sub-0.1.0.tgz": {Data: buf.Bytes()},
	}
	c, diags := Render(context.Background(), fsys, "c", Options{MaxFileBytes: 1 << 20})
	if len(diags) > 0 || len(c.Objects) != 1 || c.Objects[0].Name != "packaged" {
		t.Fatalf("packaged dependency: %v, %+v", diags, c.Objects)
	}
	if r := c.Objects[0].Range; r.File != "c/charts/sub-0.1.0.tgz" || r.StartLine != 1 {
		t.Errorf("a packaged template's object points at %+v, want the archive's first line", r)
	}
}
