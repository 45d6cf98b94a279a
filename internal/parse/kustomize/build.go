// Package kustomize builds kustomizations with the Kustomize API, in
// process and offline, into Kubernetes objects whose values point at the
// lines of the files they came from.
//
// Only local bases and components are read: a remote base (a git URL) is
// a warning and left out, as the network is never used. Helm charts
// inflated by a kustomization (helmCharts) need the helm binary and are
// reported, not built.
package kustomize

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"

	kubeparse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

func isKustomization(p string) bool { return slices.Contains(source.KustomizationNames, path.Base(p)) }

// originKey is the annotation in which Kustomize records the file an object
// came from, when the kustomization asks for originAnnotations.
const originKey = "config.kubernetes.io/origin"

// Build is a built kustomization.
type Build struct {
	Dir     string
	Objects []*kubeparse.Object
	// Sources are the files of the tree the build read: kustomizations,
	// resources, patches, generator inputs.
	Sources []string
	// Failed is set when the build failed; its objects are none.
	Failed bool
	// FailedIn is the base (a directory of the tree) where a failed build
	// failed, when it is not Dir itself.
	FailedIn string
}

// Run builds the kustomization in dir (a directory of fsys). Lines of the
// objects are those of the files they came from; values a patch or a
// transformer added take the line of the nearest value the file has.
func Run(ctx context.Context, fsys fs.FS, dir string, maxBytes int64) (b *Build, diags source.Diagnostics) {
	b = &Build{Dir: dir}
	defer func() {
		// The Kustomize API is large and fed files it was not written
		// for; a panic in it is this kustomization's error, not the scan's.
		if p := recover(); p != nil {
			diags.Errorf(source.Range{File: path.Join(dir, kustomizationName(fsys, dir))}, "Kustomization not built", "the build failed: %v", p)
		}
	}()
	t := &treeFS{fsys: fsys, maxBytes: maxBytes, read: map[string][]byte{}}
	defer func() { b.Sources = slices.Sorted(maps.Keys(t.read)) }()
	opts := krusty.MakeDefaultOptions()
	opts.LoadRestrictions = types.LoadRestrictionsRootOnly
	m, err := krusty.MakeKustomizer(opts).Run(t, "/"+strings.TrimPrefix(path.Clean(dir), "."))
	diags = t.diags
	at := source.Range{File: path.Join(dir, kustomizationName(fsys, dir)), StartLine: 1, EndLine: 1}
	if err != nil {
		b.Failed = true
		where, why := innermost(err)
		if where != "" && where != path.Clean(dir) {
			// A base failed: its own build says why; this one reports
			// only that it depends on it.
			b.FailedIn = where
			diags.Errorf(at, "Kustomization not built", "its base %s cannot be built: %s", where, why)
			return b, diags
		}
		if slices.ContainsFunc(t.diags, func(d source.Diagnostic) bool { return d.Range.File == at.File && d.Summary == remoteSummary }) {
			why += " (the remote resources it names were not read, which is the likely cause)"
		}
		diags.Errorf(at, "Kustomization not built", "%s", why)
		return b, diags
	}
	if err := ctx.Err(); err != nil {
		return b, diags
	}
	out, err := m.AsYaml()
	if err != nil {
		diags.Errorf(at, "Kustomization not built", "%v", err)
		return b, diags
	}
	objs, d := kubeparse.ParseRendered(at.File, out)
	diags = append(diags, d...)
	substitute(objs, t.vars)
	p := &parsed{data: t.read, read: slices.Sorted(maps.Keys(t.read)), cache: map[string][]*kubeparse.Object{}}
	for _, o := range objs {
		diags = append(diags, b.place(o, dir, p)...)
	}
	b.Objects = objs
	return b, diags
}

func kustomizationName(fsys fs.FS, dir string) string {
	for _, n := range source.KustomizationNames {
		if _, err := fs.Stat(fsys, path.Join(dir, n)); err == nil {
			return n
		}
	}
	return source.KustomizationNames[0]
}

// place points an object of the build at the files it came from, value by
// value: a value a patch file sets at the patch's line, any other at the
// line of the resource file it came from; and removes the origin
// annotation the build added to know it.
func (b *Build) place(o *kubeparse.Object, dir string, p *parsed) source.Diagnostics {
	ann := o.Doc.Path("metadata", "annotations")
	origin := ann.Get(originKey)
	if origin == nil {
		return nil
	}
	removeKey(ann, originKey)
	if len(ann.Keys) == 0 {
		removeKey(o.Doc.Get("metadata"), "annotations")
	}
	text, _ := origin.Text()
	var where struct {
		Path string `yaml:"path"`
	}
	if yaml.Unmarshal([]byte(text), &where) != nil || where.Path == "" {
		return nil
	}
	file := path.Clean(path.Join(dir, where.Path))
	orig := match(p.objects(file), o)
	if orig == nil {
		return nil
	}
	docs := []*node.Value{orig.Doc}
	for _, f := range p.patchFiles(file) {
		for _, c := range p.objects(f) {
			if c.Kind == orig.Kind && c.Name == orig.Name {
				docs = append(docs, c.Doc)
			}
		}
	}
	o.Range = orig.Range
	align(o.Doc, docs, orig.Range)
	return nil
}

// parsed holds the files a build read (their bytes kept from the build's
// own reads, not read again), parsed once.
type parsed struct {
	data  map[string][]byte
	read  []string
	cache map[string][]*kubeparse.Object
}

func (p *parsed) objects(file string) []*kubeparse.Object {
	if objs, ok := p.cache[file]; ok {
		return objs
	}
	var objs []*kubeparse.Object
	if data, ok := p.data[file]; ok {
		objs, _ = kubeparse.ParseRendered(file, data)
	}
	p.cache[file] = objs
	return objs
}

// patchFiles are the manifests the build read besides the resource file:
// strategic-merge patches, whose objects name the one they change.
func (p *parsed) patchFiles(resource string) []string {
	var out []string
	for _, f := range p.read {
		if f != resource && !isKustomization(f) && (strings.HasSuffix(f, ".yaml") || strings.HasSuffix(f, ".yml") || strings.HasSuffix(f, ".json")) {
			out = append(out, f)
		}
	}
	return out
}

// match finds the object of its source file that a built object came from:
// same kind, and the same name or a name the build prefixed or suffixed.
func match(originals []*kubeparse.Object, o *kubeparse.Object) *kubeparse.Object {
	var best *kubeparse.Object
	for _, c := range originals {
		if c.Kind != o.Kind {
			continue
		}
		if c.Name == o.Name {
			return c
		}
		if c.Name != "" && strings.Contains(o.Name, c.Name) && (best == nil || len(c.Name) > len(best.Name)) {
			best = c
		}
	}
	return best
}

// align gives every value of built the range of the same value in origs
// (the resource, then the patches in order; list items matched by name, as
// strategic merge does for containers, volumes and ports), or else its
// parent's. A scalar is where it was last set, the last patch that has
// it; a map or list where it was first written, so that a setting missing
// from a container points at the container's definition, not at a patch
// that only names it.
func align(built *node.Value, origs []*node.Value, parent source.Range) {
	if built == nil {
		return
	}
	built.Range = parent
	switch {
	case len(origs) == 0:
	case built.Kind == node.Map || built.Kind == node.List:
		built.Range = origs[0].Range
	default:
		built.Range = origs[len(origs)-1].Range
	}
	switch built.Kind {
	case node.Map:
		for _, k := range built.Keys {
			var sub []*node.Value
			for _, o := range origs {
				if c := o.Get(k); c != nil {
					sub = append(sub, c)
				}
			}
			align(built.Map[k], sub, built.Range)
		}
	case node.List:
		for i, e := range built.List {
			var sub []*node.Value
			for _, o := range origs {
				if c := item(o, e, i); c != nil {
					sub = append(sub, c)
				}
			}
			align(e, sub, built.Range)
		}
	}
}

// item is the element of list o that e corresponds to: the one of the same
// name, or for unnamed elements the one at the same index.
func item(o, e *node.Value, i int) *node.Value {
	if o.Kind != node.List {
		return nil
	}
	if name, ok := e.Get("name").Text(); ok && name != "" {
		for _, c := range o.List {
			if n, _ := c.Get("name").Text(); n == name {
				return c
			}
		}
		return nil
	}
	if i < len(o.List) {
		return o.List[i]
	}
	return nil
}

func removeKey(v *node.Value, key string) {
	if v == nil || v.Kind != node.Map {
		return
	}
	delete(v.Map, key)
	v.Keys = slices.DeleteFunc(v.Keys, func(k string) bool { return k == key })
}

// clean is a kustomization as the build reads it: deprecated fields
// rewritten as `kustomize edit fix` does (Kustomize would otherwise print
// a warning for each on the process's stderr), remote bases and components
// dropped (with a warning at their line), and origin annotations asked
// for, so that each object can be traced to its file.
func (t *treeFS) clean(p string, data []byte) ([]byte, error) {
	var k types.Kustomization
	if err := k.Unmarshal(data); err != nil {
		return data, nil // Kustomize reports what is wrong with it
	}
	k.FixKustomization()
	t.fixPatches(path.Dir(p), &k)
	// Vars are substituted after the build (substitute), as Kustomize
	// would print a deprecation warning for them on the process's stderr.
	for _, v := range k.Vars {
		v.Defaulting()
		t.mu.Lock()
		t.vars = append(t.vars, v)
		t.mu.Unlock()
	}
	k.Vars = nil
	if len(k.CommonLabels) > 0 {
		k.Labels = append(k.Labels, types.Label{Pairs: k.CommonLabels, IncludeSelectors: true})
		k.CommonLabels = nil
	}
	lines := entryLines(data)
	k.Resources = t.local(p, k.Resources, lines)
	k.Components = t.local(p, k.Components, lines)
	if !slices.Contains(k.BuildMetadata, types.OriginAnnotations) {
		k.BuildMetadata = append(k.BuildMetadata, types.OriginAnnotations)
	}
	out, err := yaml.Marshal(&k)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return out, nil
}

// fixPatches moves the deprecated patch lists into patches: a strategic
// merge entry is a file of the tree when one is there, else an inline patch.
func (t *treeFS) fixPatches(dir string, k *types.Kustomization) {
	k.Patches = append(k.Patches, k.PatchesJson6902...)
	k.PatchesJson6902 = nil
	for _, e := range k.PatchesStrategicMerge {
		if fi, err := fs.Stat(t.fsys, path.Join(dir, string(e))); err == nil && !fi.IsDir() {
			k.Patches = append(k.Patches, types.Patch{Path: string(e)})
		} else {
			k.Patches = append(k.Patches, types.Patch{Patch: string(e)})
		}
	}
	k.PatchesStrategicMerge = nil
}

const remoteSummary = "Remote base not read"

// local drops the remote entries of a list of resources or components.
func (t *treeFS) local(p string, entries []string, lines map[string]int) []string {
	return slices.DeleteFunc(entries, func(e string) bool {
		if !Remote(e) {
			return false
		}
		t.warn(source.Range{File: p, StartLine: lines[e], EndLine: lines[e]}, remoteSummary,
			"%s is fetched over the network, which mlguard never uses; what it holds is not scanned (vendor it into the repository to have it judged)", e)
		return true
	})
}

// entryLines finds the line of each entry of a kustomization's resources,
// bases and components.
func entryLines(data []byte) map[string]int {
	out := map[string]int{}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return out
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "resources", "bases", "components":
			for _, n := range root.Content[i+1].Content {
				if _, seen := out[n.Value]; !seen {
					out[n.Value] = n.Line
				}
			}
		}
	}
	return out
}

// innermost reads Kustomize's nested accumulation errors: the directory
// where the build failed (empty when it is the one built) and why.
func innermost(err error) (dir, why string) {
	msg := err.Error()
	const marker = "recursed accumulation of path '"
	if i := strings.LastIndex(msg, marker); i >= 0 {
		if dir, why, ok := strings.Cut(msg[i+len(marker):], "': "); ok {
			return strings.TrimPrefix(dir, "/"), why
		}
	}
	return "", msg
}

// substitute replaces $(NAME) of the build's vars in every string, with
// the value of the field each var names. (Kustomize replaces them only in
// the fields of its varReference list; judging a few more strings with the
// value they would hold is harmless.)
func substitute(objs []*kubeparse.Object, vars []types.Var) {
	repl := map[string]string{}
	for _, v := range vars {
		for _, o := range objs {
			if o.Kind != v.ObjRef.Kind || !strings.Contains(o.Name, v.ObjRef.Name) {
				continue
			}
			if val, ok := field(o.Doc, v.FieldRef.FieldPath).Text(); ok {
				repl["$("+v.Name+")"] = val
				break
			}
		}
	}
	if len(repl) == 0 {
		return
	}
	for _, o := range objs {
		o.Doc.Walk(func(x *node.Value) {
			if x.Kind == node.String && strings.Contains(x.Str, "$(") {
				for k, val := range repl {
					x.Str = strings.ReplaceAll(x.Str, k, val)
				}
			}
		})
		o.Namespace, _ = o.Doc.Path("metadata", "namespace").Text()
		o.Name, _ = o.Doc.Path("metadata", "name").Text()
	}
}

// field is the value at a dotted field path (spec.ports.0.port).
func field(v *node.Value, fieldPath string) *node.Value {
	for _, k := range strings.Split(fieldPath, ".") {
		if v != nil && v.Kind == node.List {
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(v.List) {
				return nil
			}
			v = v.List[i]
			continue
		}
		v = v.Get(k)
	}
	return v
}

// Remote reports a resource, base or component that Kustomize would fetch
// from a git host or URL rather than read from the repository.
func Remote(s string) bool {
	switch {
	case strings.Contains(s, "://"), strings.HasPrefix(s, "git@"), strings.Contains(s, "?ref="),
		strings.Contains(s, ".git//"), strings.HasPrefix(s, "git::"):
		return true
	}
	for _, host := range []string{"github.com/", "gitlab.com/", "bitbucket.org/"} {
		if strings.HasPrefix(s, host) {
			return true
		}
	}
	return false
}
