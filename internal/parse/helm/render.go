package helm

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/loader/archive"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
)

// request is what the rendering process is given: the chart's files (paths
// relative to the chart directory) and the values to render it with.
type request struct {
	Files  []file         `json:"files"`
	Values map[string]any `json:"values"`
}

type file struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// response is what rendering produced: the output of each template (named
// as Helm names them, CHART/templates/x.yaml) and the templates that could
// not be rendered.
type response struct {
	Manifests map[string]string `json:"manifests"`
	Failures  []Failure         `json:"failures,omitempty"`
	// Fatal is set when the chart could not be loaded at all.
	Fatal string `json:"fatal,omitempty"`
}

// Failure is a template that could not be rendered: Template and Line say
// where the engine stopped (a helper it includes, perhaps); Top is the
// template whose rendering failed.
type Failure struct {
	Top      string `json:"top"`
	Template string `json:"template"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

// ReleaseName and Namespace are what the chart is rendered as, as
// `helm template` does without a name.
const (
	ReleaseName = "release-name"
	Namespace   = "default"
)

// render loads the chart from its files and renders every template. When
// the chart as a whole fails, each template is rendered on its own (the
// others emptied), so that one broken template does not hide the rest.
func render(ctx context.Context, req request) response {
	bf := make([]*archive.BufferedFile, len(req.Files))
	for i, f := range req.Files {
		bf[i] = &archive.BufferedFile{Name: f.Name, Data: f.Data}
	}
	ch, err := loader.LoadFiles(bf)
	if err != nil {
		return response{Fatal: err.Error()}
	}
	if err := ch.Validate(); err != nil {
		return response{Fatal: err.Error()}
	}
	// As helm template does: dependencies whose condition or tags are
	// false are left out, and import-values are imported.
	if err := chartutil.ProcessDependencies(ch, req.Values); err != nil {
		return response{Fatal: err.Error()}
	}
	// Schema validation is skipped: a values.schema.json may $ref remote
	// schemas, and fetching them would leave the machine.
	vals, err := util.ToRenderValuesWithSchemaValidation(ch, req.Values,
		common.ReleaseOptions{Name: ReleaseName, Namespace: Namespace, IsInstall: true, Revision: 1}, nil, true)
	if err != nil {
		return response{Fatal: err.Error()}
	}
	out, err := engine.Engine{}.RenderWithContext(ctx, ch, vals)
	if err == nil {
		return response{Manifests: keep(out)}
	}
	return renderEach(ctx, ch, vals)
}

// renderEach renders the templates one at a time.
func renderEach(ctx context.Context, ch *chart.Chart, vals common.Values) response {
	tops := topTemplates(ch, "")
	resp := response{Manifests: map[string]string{}}
	for _, top := range tops {
		if ctx.Err() != nil {
			break
		}
		saved := make([][]byte, len(tops))
		for i, t := range tops {
			saved[i] = t.file.Data
			if t.name != top.name {
				t.file.Data = nil
			}
		}
		out, err := engine.Engine{}.RenderWithContext(ctx, ch, vals)
		for i, t := range tops {
			t.file.Data = saved[i]
		}
		if err != nil {
			resp.Failures = append(resp.Failures, failure(top.name, err))
			continue
		}
		if s, ok := out[top.name]; ok && keepName(top.name) {
			resp.Manifests[top.name] = s
		}
	}
	return resp
}

type template struct {
	name string // as the engine names it: CHART/templates/x.yaml, CHART/charts/SUB/templates/y.yaml
	file *common.File
}

// topTemplates lists the templates that are rendered (not partials), in
// the chart and its dependencies, sorted by name.
func topTemplates(ch *chart.Chart, prefix string) []template {
	base := prefix + ch.Name()
	var out []template
	for _, f := range ch.Templates {
		if !strings.HasPrefix(path.Base(f.Name), "_") {
			out = append(out, template{name: base + "/" + f.Name, file: f})
		}
	}
	for _, d := range ch.Dependencies() {
		out = append(out, topTemplates(d, base+"/charts/")...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// keep drops what is not a manifest: NOTES.txt and other text outputs.
func keep(out map[string]string) map[string]string {
	for name := range out {
		if !keepName(name) {
			delete(out, name)
		}
	}
	return out
}

func keepName(name string) bool {
	switch path.Ext(name) {
	case ".yaml", ".yml", ".json", ".tpl":
		return true
	}
	return false
}

// locRe finds the template and line a text/template error points at.
var locRe = regexp.MustCompile(`\(?([^\s():]+):(\d+)(?::\d+)?\)?`)

// failure reads where an engine error points: the innermost template
// location it names.
func failure(top string, err error) Failure {
	f := Failure{Top: top, Template: top, Message: err.Error()}
	for _, m := range locRe.FindAllStringSubmatch(err.Error(), -1) {
		if !strings.Contains(m[1], "/templates/") {
			continue
		}
		n, convErr := strconv.Atoi(m[2])
		if convErr != nil {
			continue
		}
		f.Template, f.Line = m[1], n
	}
	if f.Line == 0 {
		f.Message = fmt.Sprintf("%s: %v", top, err)
	}
	return f
}
