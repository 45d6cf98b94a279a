package scan

import (
	"cmp"
	"context"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"

	adaptkube "github.com/mlguard/mlguard/internal/adapt/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/helm"
	kubeparse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/kustomize"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

// Rendered forms: a Helm chart and a kustomization are judged by what they
// render, the way they are deployed, not file by file. The files a render
// read are claimed, so the manifest reader does not judge them again on
// their own (a template is not YAML; a base would be judged twice).

// claims are the files and directories renderers have taken.
type claims struct {
	mu    sync.Mutex
	dirs  []string // every file below is taken
	files map[string]bool
}

func (c *claims) claimDir(d string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dirs = append(c.dirs, d)
}

func (c *claims) claimFiles(fs []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string]bool{}
	}
	for _, f := range fs {
		c.files[f] = true
	}
}

func (c *claims) taken(p string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files[p] || slices.ContainsFunc(c.dirs, func(d string) bool { return within(p, d) })
}

// within reports whether p is d or below it.
func within(p, d string) bool {
	return d == "." || p == d || strings.HasPrefix(p, d+"/")
}

// helmReader renders every chart of the tree.
type helmReader struct{}

func (helmReader) read(ctx context.Context, in readInput) (source.Diagnostics, error) {
	dirs := chartDirs(in.tree)
	for _, d := range dirs {
		in.claims.claimDir(d)
	}
	opts := in.opts.Helm
	opts.MaxFileBytes = in.opts.Limits.MaxFileBytes
	return eachDir(ctx, dirs, func(ctx context.Context, dir string) source.Diagnostics {
		c, diags := helm.Render(ctx, in.tree.FS, dir, opts)
		in.check(kubeUnit(dir, c.Objects, func(file string, line int) *rule.Rendering {
			return &rule.Rendering{Tool: "helm", Root: dir, Values: c.Values(file, line)}
		}))
		return diags
	}), nil
}

// chartDirs are the directories of the tree's charts, leaving out the
// charts inside them (dependencies under charts/, rendered with them).
func chartDirs(tree *source.Tree) []string {
	var dirs []string
	for _, f := range tree.Files {
		if f.Format != source.FormatHelmChart {
			continue
		}
		d := path.Dir(f.Path)
		if !slices.ContainsFunc(dirs, func(top string) bool { return within(d, top) }) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// kustomizeReader builds every kustomization of the tree that no other one
// uses as a base or component (an overlay, or a base built on its own).
// When one cannot be built (a remote base it needs is not read, a file is
// missing), the kustomizations it uses are built on their own instead, so
// that what can be judged as deployed still is; files of a failed build
// are left to the manifest reader.
type kustomizeReader struct{}

func (kustomizeReader) read(ctx context.Context, in readInput) (source.Diagnostics, error) {
	ks, diags := readKustomizations(in.tree, in.opts.Limits.MaxFileBytes, in.claims)
	var once sync.Map
	var build func(ctx context.Context, dir string) source.Diagnostics
	build = func(ctx context.Context, dir string) source.Diagnostics {
		if _, done := once.LoadOrStore(dir, true); done {
			return nil
		}
		b, diags := kustomize.Run(ctx, in.tree.FS, dir, in.opts.Limits.MaxFileBytes)
		if b.Failed {
			if b.FailedIn != "" && slices.Contains(ks.all, b.FailedIn) {
				// The base's own build reports the error; it is reached
				// through the references below.
				diags = nil
			}
			for _, base := range ks.refs[dir] {
				diags = append(diags, build(ctx, base)...)
			}
			return diags
		}
		in.claims.claimFiles(b.Sources)
		in.check(kubeUnit(dir, b.Objects, func(string, int) *rule.Rendering {
			return &rule.Rendering{Tool: "kustomize", Root: dir}
		}))
		return diags
	}
	built := eachDir(ctx, ks.tops, build)
	// A base two overlays use reports under whichever build reached it
	// first: ordered by place, a re-run reports the same list.
	slices.SortStableFunc(built, func(a, b source.Diagnostic) int {
		return cmp.Or(strings.Compare(a.Range.File, b.Range.File), cmp.Compare(a.Range.StartLine, b.Range.StartLine),
			strings.Compare(a.Detail, b.Detail))
	})
	return append(diags, built...), nil
}

// kustomizations are the kustomization directories of a tree.
type kustomizations struct {
	all  []string            // every one
	tops []string            // those no other one refers to
	refs map[string][]string // the kustomization directories each refers to
}

// readKustomizations finds the kustomizations of the tree, outside charts,
// and which refer to which.
func readKustomizations(tree *source.Tree, maxBytes int64, c *claims) (kustomizations, source.Diagnostics) {
	var diags source.Diagnostics
	ks := kustomizations{refs: map[string][]string{}}
	dirs := map[string]bool{}
	for _, f := range tree.Files {
		if f.Format == source.FormatKustomization && !c.taken(f.Path) {
			dirs[path.Dir(f.Path)] = true
		}
	}
	used := map[string]bool{}
	for _, f := range tree.Files {
		dir := path.Dir(f.Path)
		if f.Format != source.FormatKustomization || !dirs[dir] {
			continue
		}
		ks.all = append(ks.all, dir)
		data, err := source.ReadFile(tree.FS, f.Path, maxBytes)
		if err != nil {
			diags.Errorf(source.ReadRange(f.Path, err), "Cannot read file", "%v", err)
			continue
		}
		var k struct {
			Resources  []string `yaml:"resources"`
			Bases      []string `yaml:"bases"`
			Components []string `yaml:"components"`
		}
		if yaml.Unmarshal(data, &k) != nil {
			continue // the build reports it
		}
		for _, r := range slices.Concat(k.Resources, k.Bases, k.Components) {
			if ref := path.Clean(path.Join(dir, r)); !kustomize.Remote(r) && dirs[ref] {
				used[ref] = true
				ks.refs[dir] = append(ks.refs[dir], ref)
			}
		}
	}
	ks.tops = slices.DeleteFunc(slices.Clone(ks.all), func(d string) bool { return used[d] })
	return ks, diags
}

// eachDir runs fn on every directory, on every core, and returns the
// diagnostics in directory order.
func eachDir(ctx context.Context, dirs []string, fn func(context.Context, string) source.Diagnostics) source.Diagnostics {
	out := make([]source.Diagnostics, len(dirs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, d := range dirs {
		g.Go(func() error {
			out[i] = fn(gctx, d)
			return nil
		})
	}
	_ = g.Wait()
	return slices.Concat(out...)
}

// kubeUnit is one unit of Kubernetes objects.
func kubeUnit(name string, objs []*kubeparse.Object, rendered func(string, int) *rule.Rendering) unit {
	types := make([]string, len(objs))
	for i, o := range objs {
		types[i] = o.Kind
	}
	return unit{name: name, types: types, rendered: rendered,
		build: func() *rule.Input { return (&rule.Input{Kubernetes: adaptkube.Adapt(objs)}).Fill() }}
}

// notClaimed drops the files renderers have taken.
func notClaimed(files []source.File, c *claims) []source.File {
	return slices.DeleteFunc(files, func(f source.File) bool { return c.taken(f.Path) })
}
