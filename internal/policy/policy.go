// Package policy runs custom Rego policies, written by the teams that use
// mlguard, as rules beside the built-in ones.
//
// A policy is a Rego package whose METADATA annotation names a rule (custom
// id, severity, category, remediation) and whose deny rule produces one
// object per violation over the same typed model the built-in rules read
// (see docs/policy-input.md). Load compiles every package once; each rule
// it returns evaluates its prepared query per scanned unit, so custom
// findings go through the same reports, suppressions, baselines and exit
// codes as built-in ones.
package policy

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

// MaxFileBytes bounds one policy file; policies are hand-written.
const MaxFileBytes = 1 << 20

// MaxFiles bounds the policy files of one load.
const MaxFiles = 10000

// libModule is the helper library every policy may import as
// data.mlguard.lib: tests on provenance-carrying values that never call an
// unknown value a violation.
//
//go:embed lib.rego
var libModule string

// LibFile is the name the helper library is compiled under.
const LibFile = "mlguard/lib.rego"

// Set is a compiled set of policies.
type Set struct {
	// Rules are the policies' rules, sorted by ID.
	Rules []*rule.Rule
	// Modules are every parsed module, tests included, by file name.
	Modules  map[string]*ast.Module
	compiler *ast.Compiler
	caps     *ast.Capabilities
	limits   Limits
}

// Options control loading.
type Options struct {
	// Tests also loads *_test.rego files (mlguard policy test).
	Tests bool
	// Reserved are the IDs a policy may not take (the built-in rules').
	Reserved func(id string) bool
	// Prefix is joined in front of file names in errors and test results
	// (the directory the policies were read from, as the user named it).
	Prefix string
	// Limits bound each evaluation; zero fields take DefaultLimits.
	Limits Limits
}

// Load reads every .rego file under root in fsys, compiles them together
// with the helper library and returns the rules they declare. A file that
// does not parse or compile, or metadata that is incomplete, is an error
// naming its file and line.
func Load(ctx context.Context, fsys fs.FS, root string, opts Options) (*Set, error) {
	modules, err := parseAll(fsys, root, opts)
	if err != nil {
		return nil, err
	}
	caps := Capabilities()
	c := ast.NewCompiler().
		WithCapabilities(caps).
		WithEnablePrintStatements(opts.Tests)
	if c.Compile(modules); c.Failed() {
		return nil, located(c.Errors)
	}
	set := &Set{Modules: modules, compiler: c, caps: caps, limits: opts.Limits.withDefaults()}
	metas, err := packages(modules, opts.Reserved)
	if err != nil {
		return nil, err
	}
	for _, m := range metas {
		r, err := set.rule(ctx, m)
		if err != nil {
			return nil, err
		}
		set.Rules = append(set.Rules, r)
	}
	sort.Slice(set.Rules, func(i, j int) bool { return set.Rules[i].ID < set.Rules[j].ID })
	return set, nil
}

// parseAll parses the .rego files under root, and the helper library.
func parseAll(fsys fs.FS, root string, opts Options) (map[string]*ast.Module, error) {
	var files []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || !opts.Tests && strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		if len(files) == MaxFiles {
			return fmt.Errorf("more than %d policy files", MaxFiles)
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("policies %s: %w", root, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .rego files there", path.Join(opts.Prefix, root))
	}
	popts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
	modules := map[string]*ast.Module{}
	lib, err := ast.ParseModuleWithOpts(LibFile, libModule, popts)
	if err != nil {
		return nil, fmt.Errorf("the helper library: %w", err)
	}
	modules[LibFile] = lib
	var errs []error
	for _, p := range files {
		name := path.Join(opts.Prefix, p)
		data, err := readFile(fsys, p, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		m, err := ast.ParseModuleWithOpts(name, string(data), popts)
		if err != nil {
			errs = append(errs, located(err))
			continue
		}
		modules[name] = m
	}
	return modules, errors.Join(errs...)
}

func readFile(fsys fs.FS, p, name string) ([]byte, error) {
	info, err := source.CheckRegular(fsys, p)
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, MaxFileBytes)
	}
	return fs.ReadFile(fsys, p)
}

// located renders OPA's errors one per line, each as file:line: message.
func located(err error) error {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return err
	}
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		if e.Location != nil {
			out = append(out, fmt.Errorf("%s:%d: %s", e.Location.File, e.Location.Row, e.Message))
			continue
		}
		out = append(out, errors.New(e.Message))
	}
	return errors.Join(out...)
}

// Capabilities are OPA's built-ins less those that reach outside the
// process (mlguard never touches the network), make results change from
// run to run, or produce output with no bound (see bounds.go).
func Capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	banned := map[string]bool{
		"http.send": true, "net.lookup_ip_addr": true, "opa.runtime": true,
		"rand.intn": true, "uuid.rfc4122": true, "time.now_ns": true,
	}
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if !banned[b.Name] && !unbounded[b.Name] {
			kept = append(kept, b)
		}
	}
	c.Builtins = kept
	c.AllowNet = []string{}
	return c
}

// meta is a package that declares a rule.
type meta struct {
	rule.Metadata
	pkg string // data.mlguard.custom.x
	loc *ast.Location
}

// packages gathers each package's METADATA and checks that every package
// with a deny rule declares a complete rule, and every rule a deny.
func packages(modules map[string]*ast.Module, reserved func(string) bool) ([]*meta, error) {
	byPkg := map[string]*meta{}
	declared := map[string]bool{} // packages that meant to declare a rule, even wrongly
	deny := map[string]*ast.Location{}
	var errs []error
	for _, name := range sortedKeys(modules) {
		if name == LibFile {
			continue
		}
		m := modules[name]
		pkg := m.Package.Path.String()
		for _, r := range m.Rules {
			if r.Head.Name.String() == "deny" || r.Head.Ref().String() == "deny" {
				if _, ok := deny[pkg]; !ok {
					deny[pkg] = r.Location
				}
			}
		}
		for _, a := range m.Annotations {
			if a.Scope != "package" || a.Custom["id"] == nil {
				continue
			}
			declared[pkg] = true
			if prev, ok := byPkg[pkg]; ok {
				errs = append(errs, fmt.Errorf("%s:%d: package %s already declares rule %s at %s:%d", a.Location.File, a.Location.Row, pkg, prev.ID, prev.loc.File, prev.loc.Row))
				continue
			}
			md, err := metadata(a, pkg)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			byPkg[pkg] = &meta{Metadata: md, pkg: pkg, loc: a.Location}
		}
	}
	ids := map[string]*meta{}
	var out []*meta
	for _, pkg := range sortedKeys(byPkg) {
		m := byPkg[pkg]
		switch prev := ids[m.ID]; {
		case deny[pkg] == nil:
			errs = append(errs, fmt.Errorf("%s:%d: rule %s: package %s has no deny rule", m.loc.File, m.loc.Row, m.ID, strings.TrimPrefix(pkg, "data.")))
		case prev != nil:
			errs = append(errs, fmt.Errorf("%s:%d: rule ID %s is already declared at %s:%d", m.loc.File, m.loc.Row, m.ID, prev.loc.File, prev.loc.Row))
		case reserved != nil && reserved(m.ID):
			errs = append(errs, fmt.Errorf("%s:%d: rule ID %s belongs to a built-in rule", m.loc.File, m.loc.Row, m.ID))
		default:
			ids[m.ID] = m
			out = append(out, m)
		}
	}
	for _, pkg := range sortedKeys(deny) {
		if !declared[pkg] {
			loc := deny[pkg]
			errs = append(errs, fmt.Errorf("%s:%d: package %s has a deny rule but no METADATA with custom.id, so its findings would have no rule", loc.File, loc.Row, strings.TrimPrefix(pkg, "data.")))
		}
	}
	return out, errors.Join(errs...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// rule prepares the deny query of one package.
func (s *Set) rule(ctx context.Context, m *meta) (*rule.Rule, error) {
	q, err := rego.New(
		rego.Query(m.pkg+".deny"),
		rego.Compiler(s.compiler),
		rego.Capabilities(s.caps),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: rule %s: %w", m.loc.File, m.loc.Row, m.ID, located(err))
	}
	where := fmt.Sprintf("%s:%d: rule %s", m.loc.File, m.loc.Row, m.ID)
	return &rule.Rule{
		Metadata: m.Metadata,
		Eval: func(ctx context.Context, in *rule.Input) ([]rule.Result, error) {
			return evaluate(ctx, q, in, where, s.limits)
		},
	}, nil
}
