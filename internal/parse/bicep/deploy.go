package bicep

import (
	"context"
	"path"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

// Format is the format name of resources read from Bicep.
const Format = "bicep"

// Files reads and parses the Bicep files of a tree once, for every root
// that uses them. It is safe for concurrent use.
type Files struct {
	read func(path string) ([]byte, error)

	mu     sync.Mutex
	parsed map[string]*parsed
}

type parsed struct {
	once sync.Once
	f    *file
	err  error
}

// NewFiles reads files with read (a path of the tree).
func NewFiles(read func(path string) ([]byte, error)) *Files {
	return &Files{read: read, parsed: map[string]*parsed{}}
}

// get parses a file once.
func (fs *Files) get(p string) (*file, error) {
	fs.mu.Lock()
	e, ok := fs.parsed[p]
	if !ok {
		e = &parsed{}
		fs.parsed[p] = e
	}
	fs.mu.Unlock()
	e.once.Do(func() {
		data, err := fs.read(p)
		if err != nil {
			e.err = err
			return
		}
		e.f, e.err = parse(p, string(data))
	})
	return e.f, e.err
}

// Uses returns the local files a file refers to: the modules it calls and,
// for a .bicepparam file, the template it gives values to. A file that
// does not parse uses nothing (its error is reported when it is read).
func (fs *Files) Uses(p string) []string {
	f, err := fs.get(p)
	if err != nil {
		return nil
	}
	var out []string
	if f.using != "" && !registry(f.using) {
		out = append(out, path.Join(path.Dir(p), f.using))
	}
	var walk func(ms []*moduleDecl)
	walk = func(ms []*moduleDecl) {
		for _, m := range ms {
			if !registry(m.path) {
				out = append(out, path.Join(path.Dir(p), m.path))
			}
		}
	}
	walk(f.modules)
	return out
}

// registry reports a module from a registry or a template spec, which
// only a deployment fetches.
func registry(p string) bool {
	return strings.HasPrefix(p, "br:") || strings.HasPrefix(p, "br/") || strings.HasPrefix(p, "ts:") || strings.HasPrefix(p, "ts/")
}

// Options are the inputs of a deployment.
type Options struct {
	// Params are parameter values given on the command line, over those of
	// a .bicepparam file and the defaults; read as JSON when they parse.
	Params map[string]string
}

// Load evaluates the root file p, a .bicep file or a .bicepparam file with
// the template it uses, and the local modules they call, into the
// resources they deploy, as the ARM reader produces them.
func (fs *Files) Load(ctx context.Context, p string, opts Options) (t *arm.Template, diags source.Diagnostics) {
	t = &arm.Template{File: p, Format: Format}
	f, err := fs.get(p)
	if err != nil {
		diags.Errorf(errRange(p, err), "Invalid Bicep", "%v", err)
		return t, diags
	}
	ev := &evaluator{diags: &diags, out: t, load: fs.get, read: fs.read, ctx: ctx}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errSteps); !ok {
				panic(r)
			}
			diags.Errorf(source.Range{File: p, StartLine: 1, EndLine: 1}, "Bicep evaluation too long",
				"more than %d expressions were evaluated; the resources read so far are judged", maxSteps)
		}
	}()
	given := map[string]*node.Value{}
	if f.using != "" { // a .bicepparam file: its values, then its template
		ps := newScope(ev, f, map[string]*node.Value{}, false)
		for name, a := range f.assigns {
			given[name] = ps.eval(a.value)
		}
		if registry(f.using) {
			diags.Warnf(source.Range{File: p, StartLine: 1, EndLine: 1}, "Registry module not read",
				"%s is fetched from a registry, which mlguard never uses", f.using)
			return t, diags
		}
		main := path.Join(path.Dir(p), f.using)
		if f, err = fs.get(main); err != nil {
			diags.Errorf(errRange(main, err), "Invalid Bicep", "%v", err)
			return t, diags
		}
	}
	at := source.Range{File: f.name}
	for k, v := range opts.Params {
		given[k] = fromText(v, at)
	}
	ev.stack = []string{f.name}
	newScope(ev, f, given, false).deploy()
	return t, diags
}

func errRange(p string, err error) source.Range {
	if pe, ok := err.(*ParseError); ok {
		return source.Range{File: p, StartLine: pe.Line, EndLine: pe.Line}
	}
	return source.ReadRange(p, err)
}

// deploy adds the resources of the scope's file and of the modules it
// calls.
func (s *scope) deploy() {
	for _, d := range s.f.resources {
		if !d.existing {
			s.emitDecl(d, nil, s.cond)
		}
	}
	for _, m := range s.f.modules {
		s.module(m)
	}
}

// parentRes is the resource a nested declaration is written in.
type parentRes struct {
	typ  string
	name *node.Value
	text string
}

// emitDecl adds the resources a declaration deploys: none under a false
// condition, one per item of a loop (one standing for all when the items
// are not known).
func (s *scope) emitDecl(d *resourceDecl, parent *parentRes, cond bool) {
	body := d.body
	for {
		if s.ev.ctx.Err() != nil {
			return
		}
		switch b := body.(type) {
		case *ifExpr:
			c := s.eval(b.cond)
			if c.Kind == node.Bool && !c.Bool {
				return
			}
			cond = cond || c.Kind != node.Bool
			body = b.body
			continue
		case *forExpr:
			s.loop(b, func(known bool) { s.emitBody(d, b.body, parent, cond || !known) })
			return
		case *object:
			s.emitObject(d, b, parent, cond)
			return
		}
		s.fail(s.at(d.sp), "the body of resource %s is not an object", d.name)
		return
	}
}

// emitBody is emitDecl for the body of a loop.
func (s *scope) emitBody(d *resourceDecl, body expr, parent *parentRes, cond bool) {
	saved := d.body
	d.body = body
	defer func() { d.body = saved }()
	s.emitDecl(d, parent, cond)
}

// loop runs fn once per item of a for expression (known), or once with
// unknown item and index when the items are not known.
func (s *scope) loop(f *forExpr, fn func(known bool)) {
	items, ok := s.iterate(f.iter)
	if !ok {
		u := unknownAt(s.at(f.sp))
		s.locals = append(s.locals, map[string]*node.Value{f.item: u, f.index: u})
		fn(false)
		s.locals = s.locals[:len(s.locals)-1]
		return
	}
	for i, it := range items {
		s.locals = append(s.locals, loopVars(f, it, i))
		fn(true)
		s.locals = s.locals[:len(s.locals)-1]
	}
}

// skipKeys are the properties of a resource body that say where and when
// it is deployed, not what it is.
var skipKeys = map[string]bool{"name": true, "parent": true, "scope": true, "dependson": true}

func (s *scope) emitObject(d *resourceDecl, o *object, parent *parentRes, cond bool) {
	r := s.at(d.sp)
	typ := d.typ
	var nameVal *node.Value
	body := &node.Value{Kind: node.Map, Range: r, Map: map[string]*node.Value{}}
	for _, p := range o.props {
		switch {
		case p.key == "name":
			nameVal = s.eval(p.value)
		case p.key == "parent" && parent == nil:
			if pd, ok := s.symbolOf(p.value); ok {
				if rd, ok := pd.(*resourceDecl); ok {
					_, ptyp, pname := s.address(rd)
					parent = &parentRes{typ: ptyp, name: pname, text: nameText(pname, rd.name)}
				}
			}
		case p.key == "scope":
			// An extension resource (a diagnostic setting, a role
			// assignment) names what it extends: kept as that resource's
			// address, as an ARM scope names its ID; other scopes are not
			// followed.
			scope := unknownAt(s.at(p.value.pos()))
			if sd, ok := s.symbolOf(p.value); ok {
				if rd, ok := sd.(*resourceDecl); ok {
					addr, _, _ := s.address(rd)
					scope = &node.Value{Kind: node.String, Str: addr, Range: scope.Range, Refs: []string{addr}}
				}
			}
			set(body, "scope", scope)
		case p.spread:
			v := s.spreadValue(p.value)
			if v.Kind != node.Map {
				body = unknownAt(r, refs(v)...) // what it adds is not known
				continue
			}
			if body.Kind == node.Map {
				for _, k := range v.Keys {
					if !skipKeys[strings.ToLower(k)] {
						set(body, k, v.Map[k])
					}
				}
			}
		case skipKeys[strings.ToLower(p.key)] || p.keyX != nil:
		default:
			if body.Kind == node.Map {
				set(body, p.key, s.eval(p.value))
			}
		}
	}
	text := nameText(nameVal, d.name)
	if parent != nil {
		if !strings.Contains(strings.SplitN(typ, "/", 2)[0], ".") {
			typ = parent.typ + "/" + typ
		}
		text = parent.text + "/" + text
		if nameVal != nil {
			nameVal = joinName(parent.name, nameVal)
		}
	}
	if body.Kind != node.Map {
		// A body that a spread of unknown makes unknown: the resource is
		// there, and nothing about it is known.
		body = &node.Value{Kind: node.Map, Range: r, Map: map[string]*node.Value{}}
		set(body, "properties", unknownAt(r))
	}
	s.ev.out.Resources = append(s.ev.out.Resources, &arm.Resource{
		Address: arm.Address(typ, text), Type: typ, Range: r, Body: body, ConditionUnknown: cond,
	})
	me := &parentRes{typ: typ, name: nameVal, text: text}
	for _, c := range o.resources {
		if !c.existing {
			s.emitDecl(c, me, cond)
		}
	}
}

// nameText is a name as it stands in an address: its text, with unknown
// parts as placeholders, or the symbol in brackets.
func nameText(v *node.Value, symbol string) string {
	if t, ok := scalarText(v); ok {
		return t
	}
	if v != nil && v.Kind == node.Unknown && v.Str != "" {
		return v.Str
	}
	return "[" + symbol + "]"
}

// module deploys a module once: its file evaluated in a scope of its own
// with the parameters the call passes.
func (s *scope) module(m *moduleDecl) *scope {
	if ms, done := s.mods[m.name]; done {
		return ms
	}
	s.mods[m.name] = nil // being deployed: outputs read meanwhile are unknown
	r := s.at(m.sp)
	if registry(m.path) {
		s.ev.diags.Warnf(r, "Registry module not read",
			"%s is fetched from a registry, which mlguard never uses; what it deploys is not judged", m.path)
		return nil
	}
	p := path.Join(path.Dir(s.f.name), m.path)
	switch {
	case p == ".." || strings.HasPrefix(p, "../"):
		s.ev.diags.Errorf(r, "Bicep module not read",
			"%s is outside the scanned directory; scan a directory that holds it to have what it deploys judged", m.path)
		return nil
	case slices.Contains(s.ev.stack, p):
		s.fail(r, "module %s calls itself (through %s)", m.path, strings.Join(s.ev.stack, " → "))
		return nil
	case len(s.ev.stack) >= maxModuleDepth:
		s.fail(r, "modules nest deeper than %d levels", maxModuleDepth)
		return nil
	}
	if strings.HasSuffix(p, ".json") {
		s.moduleBody(m, m.body, s.cond, func(cond bool, o *object) { s.armModule(p, o, cond, r) })
		return nil
	}
	f, err := s.ev.load(p)
	if err != nil {
		s.ev.diags.Errorf(errRange(p, err), "Bicep module not read", "%v (called at %s)", err, r)
		return nil
	}
	var first *scope
	s.moduleBody(m, m.body, s.cond, func(cond bool, o *object) {
		ms := newScope(s.ev, f, s.moduleParams(o), cond)
		s.ev.stack = append(s.ev.stack, p)
		ms.deploy()
		s.ev.stack = s.ev.stack[:len(s.ev.stack)-1]
		if first == nil {
			first = ms
		}
	})
	if _, looped := bodyLoop(m.body); !looped {
		s.mods[m.name] = first
	}
	return first
}

// armModule deploys a module written as an ARM template, with the
// parameters the call passes (those not known are the deployment's).
func (s *scope) armModule(p string, o *object, cond bool, call source.Range) {
	data, err := s.ev.read(p)
	if err != nil {
		s.ev.diags.Errorf(source.ReadRange(p, err), "Bicep module not read", "%v (called at %s)", err, call)
		return
	}
	opts := arm.Options{Params: map[string]string{}, Unknown: map[string]bool{}}
	given := s.moduleParams(o)
	if given == nil { // the call's parameters are not known: none of the defaults apply
		var decl struct {
			Parameters map[string]any `yaml:"parameters"`
		}
		_ = yaml.Unmarshal(data, &decl)
		for k := range decl.Parameters {
			opts.Unknown[k] = true
		}
	}
	for k, v := range given {
		if v.Known() {
			opts.Params[k] = v.JSON()
		} else {
			opts.Unknown[k] = true
		}
	}
	t, diags := arm.Parse(s.ev.ctx, p, data, opts)
	*s.ev.diags = append(*s.ev.diags, diags...)
	for _, r := range t.Resources {
		r.ConditionUnknown = r.ConditionUnknown || cond
		s.ev.out.Resources = append(s.ev.out.Resources, r)
	}
}

func bodyLoop(x expr) (*forExpr, bool) {
	for {
		switch b := x.(type) {
		case *ifExpr:
			x = b.body
		case *forExpr:
			return b, true
		default:
			return nil, false
		}
	}
}

// moduleBody walks a module body's condition and loop to its object.
func (s *scope) moduleBody(m *moduleDecl, body expr, cond bool, fn func(cond bool, o *object)) {
	switch b := body.(type) {
	case *ifExpr:
		c := s.eval(b.cond)
		if c.Kind == node.Bool && !c.Bool {
			return
		}
		s.moduleBody(m, b.body, cond || c.Kind != node.Bool, fn)
	case *forExpr:
		s.loop(b, func(known bool) { s.moduleBody(m, b.body, cond || !known, fn) })
	case *object:
		fn(cond, b)
	default:
		s.fail(s.at(m.sp), "the body of module %s is not an object", m.name)
	}
}

// moduleParams are the parameter values a module call passes; nil when
// they are not known (every parameter of the module is then unknown).
func (s *scope) moduleParams(o *object) map[string]*node.Value {
	given := map[string]*node.Value{}
	for _, p := range o.props {
		if p.key != "params" {
			continue
		}
		v := s.eval(p.value)
		if v.Kind != node.Map {
			return nil
		}
		for _, k := range v.Keys {
			given[k] = v.Map[k]
		}
	}
	return given
}

// moduleOutput is the value of a module's output.
func (s *scope) moduleOutput(m *moduleDecl, name string, r source.Range) *node.Value {
	ms := s.module(m)
	if ms == nil {
		return unknownAt(r)
	}
	out, ok := ms.f.outputs[name]
	if !ok {
		return unknownAt(r)
	}
	return ms.memo("output "+name, r, func() *node.Value { return ms.eval(out.value) })
}

func (s *scope) moduleName(m *moduleDecl, r source.Range) *node.Value {
	if o := bodyObject(m.body); o != nil {
		for _, p := range o.props {
			if p.key == "name" {
				return s.eval(p.value)
			}
		}
	}
	return unknownAt(r)
}
