// Package helm renders Helm charts with the Helm library, in a bounded child
// process, into Kubernetes objects whose lines point into the chart's
// templates, each line knowing the chart values it reads.
//
// Rendering is `helm template` without the helm binary and without the
// network: dependencies come only from the chart's charts/ directory, the
// lookup function finds nothing, values.schema.json is not checked.
package helm

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"helm.sh/helm/v4/pkg/ignore"

	kubeparse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

// Format is the format name of a chart's objects in findings.
const Format = kubeparse.Format

// Options are how charts are rendered.
type Options struct {
	// Values are set over every chart's values.yaml (--helm-values files
	// and --helm-set, already merged).
	Values       map[string]any
	Limits       Limits
	MaxFileBytes int64
}

// Chart is a rendered chart.
type Chart struct {
	Dir     string
	Objects []*kubeparse.Object
	values  map[string][][]string // template path → the values each line reads
}

// Values returns the chart values that a line of one of its templates
// reads (image.tag, securityContext), sorted.
func (c *Chart) Values(file string, line int) []string {
	lines := c.values[file]
	if line < 1 || line > len(lines) {
		return nil
	}
	return lines[line-1]
}

// Bounds on what one chart is read from: larger charts are refused with an
// error naming the bound.
const (
	maxChartFiles = 10_000
	maxChartBytes = 128 << 20
)

// Render renders the chart in dir (the directory holding Chart.yaml) and
// reads its manifests. Templates that fail to render are errors at their
// line; the others are still read.
func Render(ctx context.Context, fsys fs.FS, dir string, opts Options) (*Chart, source.Diagnostics) {
	if opts.Limits == (Limits{}) {
		opts.Limits = DefaultLimits
	}
	c := &Chart{Dir: dir, values: map[string][][]string{}}
	files, diags := loadFiles(fsys, dir, opts.MaxFileBytes)
	if diags.HasErrors() {
		return c, diags
	}
	chartYAML := source.Range{File: path.Join(dir, "Chart.yaml"), StartLine: 1, EndLine: 1}
	values := opts.Values
	if values == nil {
		values = map[string]any{}
	}
	resp, err := renderChild(ctx, request{Files: files, Values: values}, opts.Limits)
	if err != nil {
		diags.Errorf(chartYAML, "Helm chart not rendered", "%v", err)
		return c, diags
	}
	if resp.Fatal != "" {
		diags.Errorf(chartYAML, "Helm chart not rendered", "%s", resp.Fatal)
		return c, diags
	}
	sources := map[string][]byte{}
	for _, f := range files {
		sources[f.Name] = f.Data
	}
	for _, fl := range resp.Failures {
		p, _ := c.locate(fl.Template, sources)
		diags.Errorf(source.Range{File: p, StartLine: fl.Line, EndLine: fl.Line}, "Helm template not rendered",
			"%s; the chart's other templates are still scanned", fl.Message)
	}
	for _, name := range slices.Sorted(maps.Keys(resp.Manifests)) {
		diags = append(diags, c.read(name, resp.Manifests[name], sources)...)
	}
	diags = append(diags, c.readCRDs(files)...)
	return c, diags
}

// read parses the output of one template and points its lines at the
// template.
func (c *Chart) read(name, out string, sources map[string][]byte) source.Diagnostics {
	if strings.TrimSpace(out) == "" {
		return nil
	}
	p, tpl := c.locate(name, sources)
	objs, diags := kubeparse.ParseRendered(p, []byte(out))
	// A template of a packed dependency has no source lines to point at:
	// its objects are judged all the same, at the archive's first line.
	at := func(int) int { return 1 }
	if tpl != nil {
		m := lineMap(string(tpl), out)
		at = func(l int) int {
			if l >= 1 && l <= len(m) {
				return m[l-1]
			}
			return l
		}
		c.values[p] = valuesByLine(string(tpl))
	}
	for _, o := range objs {
		o.Range = remap(o.Range, at)
		o.Doc.Walk(func(v *node.Value) { v.Range = remap(v.Range, at) })
	}
	for i := range diags {
		diags[i].Range = remap(diags[i].Range, at)
		diags[i].Detail = firstAtRe.ReplaceAllStringFunc(diags[i].Detail, func(m string) string {
			n, _ := strconv.Atoi(firstAtRe.FindStringSubmatch(m)[1])
			return fmt.Sprintf("(first at line %d of the template)", at(n))
		})
	}
	c.Objects = append(c.Objects, objs...)
	return diags
}

// firstAtRe finds the output line a duplicate key message names.
var firstAtRe = regexp.MustCompile(`\(first at line (\d+)\)`)

func remap(r source.Range, at func(int) int) source.Range {
	r.StartLine, r.EndLine = at(r.StartLine), at(r.EndLine)
	if r.EndLine < r.StartLine {
		r.EndLine = r.StartLine
	}
	return r
}

// locate turns a template name as the engine gives it (CHART/templates/x,
// CHART/charts/SUB/templates/y) into a path of the scanned tree, with the
// template's source when the chart holds it (not for a packed dependency,
// whose path is the archive's).
func (c *Chart) locate(name string, sources map[string][]byte) (string, []byte) {
	_, rel, _ := strings.Cut(name, "/")
	if src, ok := sources[rel]; ok {
		return path.Join(c.Dir, rel), src
	}
	if strings.HasPrefix(rel, "charts/") {
		sub, _, _ := strings.Cut(strings.TrimPrefix(rel, "charts/"), "/")
		for n := range sources {
			if strings.HasPrefix(n, "charts/"+sub) && strings.HasSuffix(n, ".tgz") {
				return path.Join(c.Dir, n), nil
			}
		}
	}
	return path.Join(c.Dir, rel), nil
}

// readCRDs reads the chart's crds/ directory, which Helm installs as it is.
func (c *Chart) readCRDs(files []file) source.Diagnostics {
	var diags source.Diagnostics
	for _, f := range files {
		if strings.HasPrefix(f.Name, "crds/") && keepName(f.Name) {
			objs, d := kubeparse.ParseRendered(path.Join(c.Dir, f.Name), f.Data)
			c.Objects = append(c.Objects, objs...)
			diags = append(diags, d...)
		}
	}
	return diags
}

// textual reports the files of a chart that Helm renders or parses, which
// must be text: its templates, Chart.yaml, values files and schema, and
// those of unpacked dependencies. Other files (a logo, a packaged dependency
// under charts/, files read with .Files) may be anything.
func textual(rel string) bool {
	base := path.Base(rel)
	return strings.HasPrefix(rel, "templates/") || strings.Contains(rel, "/templates/") ||
		base == "Chart.yaml" || base == "Chart.lock" || base == "requirements.yaml" || base == "values.schema.json" ||
		strings.HasPrefix(base, "values") && (strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml"))
}

// loadFiles reads the files of the chart in dir, as Helm's directory loader
// does (.helmignore applies), within the chart bounds.
func loadFiles(fsys fs.FS, dir string, maxFileBytes int64) ([]file, source.Diagnostics) {
	var diags source.Diagnostics
	rules := ignore.Empty()
	if data, err := source.ReadFile(fsys, path.Join(dir, ignore.HelmIgnore), maxFileBytes); err == nil {
		if r, err := ignore.Parse(bytes.NewReader(data)); err == nil {
			rules = r
		} else {
			diags.Warnf(source.Range{File: path.Join(dir, ignore.HelmIgnore)}, "Helm ignore file not read", "%v", err)
		}
	}
	rules.AddDefaults()
	var files []file
	var total int64
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(source.Range{File: p}, "Cannot read file", "%v", err)
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		if rel == "" {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			diags.Errorf(source.Range{File: p}, "Cannot read file", "%v", err)
			return nil
		}
		if rules.Ignore(rel, fi) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if len(files) >= maxChartFiles || total+fi.Size() > maxChartBytes {
			return fmt.Errorf("the chart holds more than %d files or %d MiB", maxChartFiles, maxChartBytes>>20)
		}
		read := source.ReadBytes
		if textual(rel) {
			read = source.ReadFile
		}
		data, err := read(fsys, p, maxFileBytes)
		if err != nil {
			diags.Errorf(source.ReadRange(p, err), "Cannot read file", "%v", err)
			return nil
		}
		total += int64(len(data))
		files = append(files, file{Name: rel, Data: data})
		return nil
	})
	if err != nil {
		diags.Errorf(source.Range{File: path.Join(dir, "Chart.yaml")}, "Helm chart not read", "%v", err)
	}
	return files, diags
}
