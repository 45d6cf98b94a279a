package terraform

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/mlguard/mlguard/internal/awsarn"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"golang.org/x/sync/errgroup"

	"github.com/mlguard/mlguard/internal/source"
)

// Options control how configurations are evaluated.
type Options struct {
	Vars           map[string]string // --var NAME=VALUE, applied to every root module
	VarFiles       []VarFile         // --var-file contents, in the order given
	MaxFileBytes   int64             // files read by file() and templatefile() too
	MaxInstances   int               // count / for_each / dynamic bound per block
	MaxModuleDepth int
	Eval           EvalLimits // bounds on evaluating expressions; zero fields take DefaultEvalLimits
	// OnUnit, when set, receives each root module as soon as it is evaluated,
	// from the goroutine that evaluated it, and Result.Units stays empty: the
	// caller checks a unit and lets it go, so a large tree is never held
	// evaluated all at once.
	OnUnit func(Unit)
	// KeepParsedBelow is the size of Terraform source under which parsed
	// configurations are kept for the whole load instead of parsed twice
	// (parsed HCL takes some thirty times the memory of its text); 0 means
	// DefaultKeepParsedBelow.
	KeepParsedBelow int64
	// AWS, when set, is the account (and region) every root module is
	// deployed to: the ARNs of resources whose names are configured, and
	// the account of aws_caller_identity, are then known (mlguard access).
	AWS *awsarn.Account
}

// DefaultKeepParsedBelow keeps trees of up to 2 MB of Terraform parsed.
const DefaultKeepParsedBelow = 2 << 20

// VarFile is the content of a variables file named on the command line.
type VarFile struct {
	Name string
	Data []byte
}

func (o Options) withDefaults() Options {
	if o.MaxFileBytes == 0 {
		o.MaxFileBytes = source.DefaultLimits.MaxFileBytes
	}
	if o.MaxInstances == 0 {
		o.MaxInstances = 10_000
	}
	if o.MaxModuleDepth == 0 {
		o.MaxModuleDepth = 32
	}
	if o.KeepParsedBelow == 0 {
		o.KeepParsedBelow = DefaultKeepParsedBelow
	}
	return o
}

// Result is what loading a tree produced.
type Result struct {
	Units       []Unit
	Diagnostics source.Diagnostics
	Files       []string // the Terraform files that were read
}

// Unit is one evaluated root module (or one plan): the scope within which
// addresses are unique and links resolve.
type Unit struct {
	Name      string // the root module directory, or the plan file
	Resources []*Resource
	// Providers are the root module's required_providers version
	// constraints by local name, where written (not for plans).
	Providers map[string]string
	// AWSRegion is the region of the root module's default aws provider
	// when it is written as a literal.
	AWSRegion string
}

// loader parses each module directory once and evaluates every root module.
type loader struct {
	fsys    fs.FS
	opts    Options
	mu      sync.Mutex
	configs map[string]*moduleConfig
	files   map[string][]string // dir -> its .tf files, from discovery
	// In a large tree a first pass over every directory keeps only what
	// telling roots from modules needs, and the parse diagnostics;
	// configurations are parsed again when evaluated, and a root's is dropped
	// once it is evaluated, so a 10,000-file tree is never held parsed all at
	// once.
	sources    map[string][]string // dir -> the directories it calls by local path
	parseDiags map[string]hcl.Diagnostics
	// keep holds every parsed configuration for the whole load, saving the
	// second parse, when the tree's Terraform is small enough.
	keep bool
}

// Load evaluates every root module in the tree: every directory with .tf files
// that no other directory of the tree calls as a local module.
func Load(ctx context.Context, tree *source.Tree, opts Options) (*Result, error) {
	l := &loader{fsys: tree.FS, opts: opts.withDefaults(), configs: map[string]*moduleConfig{}, files: map[string][]string{},
		sources: map[string][]string{}, parseDiags: map[string]hcl.Diagnostics{}}
	var size int64
	for _, f := range tree.Files {
		if f.Format == source.FormatTerraform {
			d := path.Dir(f.Path)
			l.files[d] = append(l.files[d], f.Path)
			size += f.Size
		}
	}
	l.keep = size < l.opts.KeepParsedBelow
	dirs := tree.Dirs()
	if err := l.parseAll(ctx, dirs); err != nil {
		return nil, err
	}
	roots := l.roots(dirs)
	results := make([]*rootResult, len(roots))
	g, gctx := errgroup.WithContext(ctx)
	next := make(chan int)
	g.Go(func() error {
		defer close(next)
		for i := range roots {
			select {
			case next <- i:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	for range min(runtime.GOMAXPROCS(0), max(len(roots), 1)) {
		g.Go(func() error {
			st := &evalState{}
			fns := functions(l.fsys, st, l.opts.MaxFileBytes)
			for i := range next {
				dir := roots[i]
				res, err := l.evalRoot(gctx, dir, st, fns)
				l.forget(dir) // no other module calls a root
				if err != nil {
					return err
				}
				if l.opts.OnUnit != nil {
					l.opts.OnUnit(Unit{Name: dir, Resources: res.resources, Providers: res.providers, AWSRegion: res.awsRegion})
					res.resources = nil
				}
				results[i] = res
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := &Result{}
	for _, d := range dirs {
		out.Files = append(out.Files, l.files[d]...)
	}
	for _, d := range dirs {
		out.Diagnostics = append(out.Diagnostics, convertDiags(l.parseDiags[d], source.SevError)...)
	}
	for i, r := range results {
		if l.opts.OnUnit == nil {
			out.Units = append(out.Units, Unit{Name: roots[i], Resources: r.resources, Providers: r.providers, AWSRegion: r.awsRegion})
		}
		out.Diagnostics = append(out.Diagnostics, r.diags...)
	}
	out.Diagnostics = dedupe(out.Diagnostics)
	return out, nil
}

func (l *loader) parseAll(ctx context.Context, dirs []string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, d := range dirs {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			c, err := l.config(d)
			if err != nil {
				return err
			}
			l.mu.Lock()
			l.sources[d], l.parseDiags[d] = c.localSources(), c.diags
			l.mu.Unlock()
			l.forget(d)
			return nil
		})
	}
	return g.Wait()
}

// forget drops a parsed configuration of a large tree; it is parsed again
// if used again.
func (l *loader) forget(dir string) {
	if l.keep {
		return
	}
	l.mu.Lock()
	delete(l.configs, dir)
	l.mu.Unlock()
}

// config returns the parsed module in dir, parsing it on first use. Directories
// outside discovery (Terraform's module cache) are listed here.
func (l *loader) config(dir string) (*moduleConfig, error) {
	l.mu.Lock()
	if c, ok := l.configs[dir]; ok {
		l.mu.Unlock()
		return c, nil
	}
	files, listed := l.files[dir]
	l.mu.Unlock()
	c := &moduleConfig{dir: dir, variables: map[string]*variable{}, locals: map[string]*hcl.Attribute{}, outputs: map[string]*hcl.Attribute{}}
	if !listed {
		entries, err := fs.ReadDir(l.fsys, dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && source.Detect(e.Name()) == source.FormatTerraform {
				files = append(files, path.Join(dir, e.Name()))
			}
		}
	}
	for _, f := range files {
		data, err := source.ReadFile(l.fsys, f, l.opts.MaxFileBytes)
		if err != nil {
			r := source.ReadRange(f, err)
			c.diags = append(c.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: err.Error(),
				Subject: &hcl.Range{Filename: f, Start: hcl.Pos{Line: r.StartLine}, End: hcl.Pos{Line: r.EndLine}}})
			continue
		}
		hf, diags := parseFile(f, data)
		c.diags = append(c.diags, diags...)
		if hf != nil && hf.Body != nil {
			c.addFile(hf)
		}
		c.files = append(c.files, f)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if prev, ok := l.configs[dir]; ok {
		return prev, nil
	}
	l.configs[dir] = c
	return c, nil
}

// roots are the directories no other directory calls as a local module.
func (l *loader) roots(dirs []string) []string {
	called := map[string]bool{}
	for _, d := range dirs {
		for _, s := range l.sources[d] {
			if s != d {
				called[s] = true
			}
		}
	}
	var roots []string
	for _, d := range dirs {
		if !called[d] {
			roots = append(roots, d)
		}
	}
	return roots
}

// rootResult is what evaluating one root module produced.
type rootResult struct {
	resources []*Resource
	providers map[string]string
	awsRegion string
	diags     source.Diagnostics
}

// evalRoot evaluates one root module with a worker's function table, aimed
// at it through st.
func (l *loader) evalRoot(ctx context.Context, dir string, st *evalState, fns map[string]function.Function) (res *rootResult, err error) {
	// An evaluation bug must not take the whole scan down: the root module is
	// reported as not evaluated and the other roots go on.
	defer func() {
		if p := recover(); p != nil {
			res, err = &rootResult{}, nil
			res.diags.Errorf(source.Range{File: dir}, "Internal error", "evaluating the module in %s failed: %v; please report this", dir, p)
		}
	}()
	cfg, err := l.config(dir)
	if err != nil {
		return nil, fmt.Errorf("load module %s: %w", dir, err)
	}
	out := &rootResult{providers: cfg.providers, awsRegion: cfg.awsRegion}
	r := &rootInfo{dir: dir, modules: readModulesJSON(l.fsys, dir), awsRegion: cfg.awsRegion}
	deadline, _ := ctx.Deadline()
	st.dir, st.budget = dir, newBudget(l.opts.Eval, deadline)
	r.budget, r.fns = st.budget, fns
	vals, diags := l.rootVariables(cfg, r.budget)
	out.diags = append(out.diags, diags...)
	in := &instance{l: l, cfg: cfg, root: r, inputs: vals, chain: []string{dir}, out: out}
	if _, err := in.run(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

// rootVariables gathers the values assigned to a root module's variables, in
// Terraform's order of precedence: terraform.tfvars, terraform.tfvars.json,
// *.auto.tfvars(.json) in lexical order, then --var-file and --var as given.
func (l *loader) rootVariables(cfg *moduleConfig, b *budget) (map[string]cty.Value, source.Diagnostics) {
	var diags source.Diagnostics
	vals := map[string]cty.Value{}
	var auto []string
	entries, _ := fs.ReadDir(l.fsys, cfg.dir)
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
			auto = append(auto, n)
		}
	}
	sort.Strings(auto)
	for _, n := range append([]string{"terraform.tfvars", "terraform.tfvars.json"}, auto...) {
		p := path.Join(cfg.dir, n)
		data, err := source.ReadFile(l.fsys, p, l.opts.MaxFileBytes)
		if err != nil {
			if _, serr := fs.Stat(l.fsys, p); serr == nil {
				diags.Errorf(source.Range{File: p}, "Cannot read variables file", "%v", err)
			}
			continue
		}
		diags = append(diags, parseVarFile(p, data, vals, b)...)
	}
	for _, vf := range l.opts.VarFiles {
		diags = append(diags, parseVarFile(vf.Name, vf.Data, vals, b)...)
	}
	for _, name := range sortedKeys(l.opts.Vars) {
		raw := l.opts.Vars[name]
		v := cfg.variables[name]
		if v == nil || !v.typed || v.typ == cty.String {
			vals[name] = cty.StringVal(raw)
			continue
		}
		if _, deep := tooDeep([]byte(raw), MaxNesting, true); deep {
			diags.Errorf(source.Range{File: "--var " + name}, "Nesting too deep", "the value nests more than %d levels deep; the variable is unknown", MaxNesting)
			continue
		}
		expr, d := hclsyntax.ParseExpression([]byte(raw), "--var "+name, hcl.InitialPos)
		if !d.HasErrors() {
			var val cty.Value
			val, d = b.literal(expr)
			if !d.HasErrors() {
				vals[name] = val
				continue
			}
		}
		diags = append(diags, convertDiags(d, source.SevError)...)
	}
	return vals, diags
}

func parseVarFile(name string, data []byte, into map[string]cty.Value, b *budget) source.Diagnostics {
	f, d := parseFile(name, data)
	if d.HasErrors() || f == nil {
		return convertDiags(d, source.SevError)
	}
	attrs, d := f.Body.JustAttributes()
	for _, n := range sortedKeys(attrs) {
		v, vd := b.literal(attrs[n].Expr)
		d = append(d, vd...)
		if !vd.HasErrors() {
			into[n] = v
		}
	}
	return convertDiags(d, source.SevError)
}

// readModulesJSON reads the map of remote module keys to directories that
// `terraform init` leaves behind. Nothing is ever downloaded.
func readModulesJSON(fsys fs.FS, dir string) map[string]string {
	data, err := source.ReadFile(fsys, path.Join(dir, ".terraform/modules/modules.json"), 8<<20)
	if err != nil {
		return nil
	}
	var doc struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if json.Unmarshal(data, &doc) != nil {
		return nil
	}
	out := map[string]string{}
	for _, m := range doc.Modules {
		if m.Key != "" {
			out[m.Key] = path.Clean(path.Join(dir, m.Dir))
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func toRange(r hcl.Range) source.Range {
	return source.Range{File: r.Filename, StartLine: r.Start.Line, EndLine: r.End.Line}
}

func convertDiags(ds hcl.Diagnostics, sev source.Severity) source.Diagnostics {
	var out source.Diagnostics
	for _, d := range ds {
		s := sev
		if d.Severity == hcl.DiagWarning {
			s = source.SevWarning
		}
		var r source.Range
		if d.Subject != nil {
			r = toRange(*d.Subject)
		}
		out = append(out, source.Diagnostic{Severity: s, Range: r, Summary: d.Summary, Detail: d.Detail})
	}
	return out
}

func dedupe(ds source.Diagnostics) source.Diagnostics {
	seen := map[string]bool{}
	var out source.Diagnostics
	// A module called from many places warns of the same unknown count or
	// for_each once per instance: one warning per place, with the count.
	same := map[string]int{} // severity, summary and range -> index in out
	more := map[int]int{}
	for _, d := range ds {
		if d.Severity == source.SevWarning && (d.Summary == "Unknown count" || d.Summary == "Unknown for_each") {
			k := d.Summary + "\x00" + d.Range.String()
			if i, ok := same[k]; ok {
				more[i]++
				continue
			}
			same[k] = len(out)
		}
		k := string(d.Severity) + "\x00" + d.Error()
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	for i, n := range more {
		out[i].Detail += fmt.Sprintf(" (and %s of the same block)", plural(n, "other instance"))
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.File != b.File {
			return a.File < b.File
		}
		return a.StartLine < b.StartLine
	})
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
