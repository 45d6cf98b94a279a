package bicep

import (
	"context"
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/unknown"
)

// Bounds of evaluation: hostile files end with an error, not a hang.
const (
	maxSteps       = 2_000_000 // expressions evaluated for one root file
	maxLoop        = 1_000     // items of one for expression
	maxString      = 1 << 20   // bytes of a string built by the file
	maxModuleDepth = 16        // modules inside modules
)

// errSteps stops an evaluation that took too many steps.
type errSteps struct{}

// evaluator evaluates one root file and the modules it calls.
type evaluator struct {
	diags *source.Diagnostics
	steps int
	load  func(path string) (*file, error)
	read  func(path string) ([]byte, error)
	out   *arm.Template
	stack []string // the module files being evaluated, to stop cycles
	ctx   context.Context
}

// scope is one file being evaluated: a root, or a module with the
// parameters its caller passes.
type scope struct {
	ev     *evaluator
	f      *file
	given  map[string]*node.Value
	vals   map[string]*node.Value // evaluated parameters and variables
	busy   map[string]bool        // those being evaluated, to stop cycles
	mods   map[string]*scope      // modules evaluated, by symbol
	locals []map[string]*node.Value
	// cond is set when everything of this scope is deployed under a
	// condition or a loop that the files alone do not decide.
	cond bool
	// paramsUnknown is set for a module whose caller passes parameters
	// the files do not decide: none of its defaults apply.
	paramsUnknown bool
}

// newScope is a scope for a file; nil given means its parameters are all
// unknown.
func newScope(ev *evaluator, f *file, given map[string]*node.Value, cond bool) *scope {
	return &scope{ev: ev, f: f, given: given, vals: map[string]*node.Value{}, busy: map[string]bool{},
		mods: map[string]*scope{}, cond: cond, paramsUnknown: given == nil}
}

func (s *scope) at(sp span) source.Range {
	return source.Range{File: s.f.name, StartLine: sp.line, EndLine: max(sp.end, sp.line)}
}

func (s *scope) step() {
	s.ev.steps++
	if s.ev.steps > maxSteps {
		panic(errSteps{})
	}
}

func unknownAt(r source.Range, refs ...string) *node.Value { return node.NewUnknown(r, refs...) }

// lookupName resolves a name: loop variables and lambda parameters, then
// parameters, variables, resources and modules.
func (s *scope) lookupName(name string, r source.Range) *node.Value {
	for i := len(s.locals) - 1; i >= 0; i-- {
		if v, ok := s.locals[i][name]; ok {
			return v
		}
	}
	if v, ok := s.vals[name]; ok {
		return v
	}
	switch d := s.f.symbols[name].(type) {
	case *paramDecl:
		return s.memo(name, r, func() *node.Value {
			if v, ok := s.given[name]; ok {
				return v
			}
			if s.paramsUnknown {
				return unknownAt(r)
			}
			if d.value == nil {
				return unknownAt(s.at(d.sp)) // given at deployment
			}
			return s.eval(d.value)
		})
	case *varDecl:
		return s.memo(name, r, func() *node.Value { return s.eval(d.value) })
	case *resourceDecl:
		addr, _, _ := s.address(d)
		return unknownAt(r, addr)
	case *moduleDecl:
		return unknownAt(r)
	}
	return unknownAt(r) // a name imported from another file, or undeclared
}

// memo evaluates a parameter or variable once; one that refers to itself
// is an error.
func (s *scope) memo(name string, r source.Range, eval func() *node.Value) *node.Value {
	if s.busy[name] {
		s.ev.diags.Errorf(r, "Invalid Bicep", "%s refers to itself", name)
		return unknownAt(r)
	}
	s.busy[name] = true
	saved := s.locals
	s.locals = nil // a declaration sees no loop variables
	v := eval()
	s.locals = saved
	delete(s.busy, name)
	s.vals[name] = v
	return v
}

func (s *scope) eval(x expr) *node.Value {
	s.step()
	r := s.at(x.pos())
	switch x := x.(type) {
	case *lit:
		switch v := x.val.(type) {
		case string:
			if x.num {
				return &node.Value{Kind: node.Number, Str: v, Range: r}
			}
			return &node.Value{Kind: node.String, Str: v, Range: r}
		case bool:
			return &node.Value{Kind: node.Bool, Bool: v, Range: r}
		}
		return &node.Value{Kind: node.Null, Range: r}
	case *interp:
		return s.interp(x, r)
	case *ident:
		// A parameter's or variable's value, placed where it is used, so
		// that a finding on it points there.
		return node.At(s.lookupName(x.name, r), r)
	case *array:
		return s.array(x, r)
	case *object:
		return s.object(x, r)
	case *member:
		return s.member(x, r)
	case *index:
		return s.index(x, r)
	case *call:
		return s.call(x, r)
	case *unary:
		return s.unary(x, r)
	case *binary:
		return s.binary(x, r)
	case *ternary:
		c := s.eval(x.cond)
		if c.Kind == node.Bool {
			if c.Bool {
				return s.eval(x.a)
			}
			return s.eval(x.b)
		}
		return unknownAt(r, refs(c, s.eval(x.a), s.eval(x.b))...)
	case *nonNull:
		return s.eval(x.x)
	case *forExpr:
		return s.forValue(x, r)
	case *ifExpr:
		return unknownAt(r)
	case *lambda:
		return unknownAt(r)
	}
	return unknownAt(r)
}

func refs(vs ...*node.Value) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.AllRefs()...)
	}
	return out
}

func (s *scope) interp(x *interp, r source.Range) *node.Value {
	var b strings.Builder
	known := true
	var rs []string
	for i, part := range x.parts {
		b.WriteString(part)
		if i < len(x.holes) {
			v := s.eval(x.holes[i])
			rs = append(rs, v.AllRefs()...)
			if t, ok := scalarText(v); ok {
				b.WriteString(t)
			} else {
				known = false
				b.WriteString(unknown.Placeholder)
			}
		}
		if b.Len() > maxString {
			return unknownAt(r, rs...)
		}
	}
	if !known {
		return &node.Value{Kind: node.Unknown, Str: b.String(), Range: r, Refs: rs}
	}
	return &node.Value{Kind: node.String, Str: b.String(), Range: r, Refs: rs}
}

// scalarText is the text of a known string, number or boolean.
func scalarText(v *node.Value) (string, bool) {
	if v == nil {
		return "", false
	}
	switch v.Kind {
	case node.String, node.Number:
		return v.Str, true
	case node.Bool:
		return strconv.FormatBool(v.Bool), true
	}
	return "", false
}

func (s *scope) array(x *array, r source.Range) *node.Value {
	out := &node.Value{Kind: node.List, Range: r}
	for _, it := range x.items {
		if u, ok := it.(*unary); ok && u.op == "..." {
			v := s.eval(u.x)
			if v.Kind != node.List {
				return unknownAt(r, refs(v)...)
			}
			out.List = append(out.List, v.List...)
			continue
		}
		out.List = append(out.List, s.eval(it))
	}
	return out
}

func (s *scope) object(x *object, r source.Range) *node.Value {
	out := &node.Value{Kind: node.Map, Range: r, Map: map[string]*node.Value{}}
	for _, p := range x.props {
		if p.spread {
			v := s.spreadValue(p.value)
			if v.Kind != node.Map {
				// What a spread adds is not known: nothing about the
				// object can be said to be missing.
				return unknownAt(r, refs(v)...)
			}
			for _, k := range v.Keys {
				set(out, k, v.Map[k])
			}
			continue
		}
		key, v := p.key, s.eval(p.value)
		if p.keyX != nil {
			// A computed name (the resource IDs keying
			// userAssignedIdentities): its text, placeholders for what only
			// a deployment knows, and its links kept on the value.
			k := s.eval(p.keyX)
			key = nameText(k, "...")
			if rs := k.AllRefs(); len(rs) > 0 {
				cp := *v
				cp.Refs = append(append([]string(nil), v.Refs...), rs...)
				v = &cp
			}
		}
		set(out, key, v)
	}
	return out
}

// spreadValue is the value of a spread (...x). A spread of a condition
// whose branches are objects (...(cond ? { a: 1 } : {}), the way optional
// properties are written) adds the keys of either branch: those are
// unknown unless both branches agree, and no other key is added.
func (s *scope) spreadValue(x expr) *node.Value {
	v := s.eval(x)
	t, ok := x.(*ternary)
	if v.Kind != node.Unknown || !ok {
		return v
	}
	a, b := s.eval(t.a), s.eval(t.b)
	if a.Kind == node.Null {
		a = &node.Value{Kind: node.Map, Map: map[string]*node.Value{}}
	}
	if b.Kind == node.Null {
		b = &node.Value{Kind: node.Map, Map: map[string]*node.Value{}}
	}
	if a.Kind != node.Map || b.Kind != node.Map {
		return v
	}
	out := &node.Value{Kind: node.Map, Range: v.Range, Map: map[string]*node.Value{}}
	for _, side := range []*node.Value{a, b} {
		for _, k := range side.Keys {
			if _, done := out.Map[k]; done {
				continue
			}
			va, vb := a.Map[k], b.Map[k]
			if va != nil && vb != nil && va.Known() && vb.Known() && va.JSON() == vb.JSON() {
				set(out, k, va)
			} else {
				set(out, k, unknownAt(side.Map[k].Range, refs(v, side.Map[k])...))
			}
		}
	}
	return out
}

func set(m *node.Value, k string, v *node.Value) {
	if _, ok := m.Map[k]; !ok {
		m.Keys = append(m.Keys, k)
	}
	m.Map[k] = v
}

func (s *scope) member(x *member, r source.Range) *node.Value {
	// A resource's or a module's own members.
	if d, ok := s.symbolOf(x.x); ok {
		switch d := d.(type) {
		case *resourceDecl:
			return s.resourceMember(d, x.name, r)
		case *moduleDecl:
			if strings.EqualFold(x.name, "name") {
				return s.moduleName(d, r)
			}
			return unknownAt(r)
		}
	}
	if m, ok := x.x.(*member); ok && strings.EqualFold(m.name, "outputs") {
		if d, ok := s.symbolOf(m.x); ok {
			if md, ok := d.(*moduleDecl); ok {
				return s.moduleOutput(md, x.name, r)
			}
		}
	}
	v := s.eval(x.x)
	switch v.Kind {
	case node.Map:
		if e := arm.Lookup(v, x.name); e != nil {
			return e
		}
		if x.safe {
			return &node.Value{Kind: node.Null, Range: r}
		}
		return unknownAt(r, refs(v)...)
	case node.Null:
		if x.safe {
			return &node.Value{Kind: node.Null, Range: r}
		}
	}
	return unknownAt(r, refs(v)...)
}

// symbolOf is the resource or module an expression names: a symbol, an
// element of a looped one, or a nested resource (parent::child).
func (s *scope) symbolOf(x expr) (any, bool) {
	switch x := x.(type) {
	case *ident:
		for i := len(s.locals) - 1; i >= 0; i-- {
			if _, ok := s.locals[i][x.name]; ok {
				return nil, false
			}
		}
		switch d := s.f.symbols[x.name].(type) {
		case *resourceDecl, *moduleDecl:
			return d, true
		}
	case *index:
		return s.symbolOf(x.x)
	case *nonNull:
		return s.symbolOf(x.x)
	case *member:
		if strings.HasPrefix(x.name, "::") {
			if d, ok := s.symbolOf(x.x); ok {
				if rd, ok := d.(*resourceDecl); ok {
					if child := nestedDecl(rd, x.name[2:]); child != nil {
						return child, true
					}
				}
			}
		}
	}
	return nil, false
}

func nestedDecl(parent *resourceDecl, name string) *resourceDecl {
	o := bodyObject(parent.body)
	if o == nil {
		return nil
	}
	for _, c := range o.resources {
		if c.name == name {
			return c
		}
	}
	return nil
}

// bodyObject is the object of a resource or module body, inside its
// condition or loop.
func bodyObject(x expr) *object {
	for {
		switch b := x.(type) {
		case *object:
			return b
		case *ifExpr:
			x = b.body
		case *forExpr:
			x = b.body
		default:
			return nil
		}
	}
}

// resourceMember is what a resource's member is before deployment: its
// name, type and API version are the declaration's; its ID links to it;
// the rest (properties, what the platform sets) is the deployment's.
func (s *scope) resourceMember(d *resourceDecl, name string, r source.Range) *node.Value {
	addr, typ, nameVal := s.address(d)
	switch strings.ToLower(name) {
	case "name":
		if nameVal != nil {
			return nameVal
		}
	case "type":
		return &node.Value{Kind: node.String, Str: typ, Range: r}
	case "apiversion":
		return &node.Value{Kind: node.String, Str: d.version, Range: r}
	case "id":
		id := "/subscriptions/" + unknown.Placeholder + "/resourceGroups/" + unknown.Placeholder + "/providers/" + addr
		return &node.Value{Kind: node.Unknown, Str: id, Range: r, Refs: []string{addr}}
	}
	return unknownAt(r, addr)
}

// parentOf finds the declaration that a parent: property names.
func (s *scope) parentOf(d *resourceDecl) *resourceDecl {
	o := bodyObject(d.body)
	if o == nil {
		return nil
	}
	for _, p := range o.props {
		if p.key == "parent" {
			if pd, ok := s.symbolOf(p.value); ok {
				if rd, ok := pd.(*resourceDecl); ok && rd != d {
					return rd
				}
			}
		}
	}
	return nil
}

// address is a resource's address, full type and name value (nil when its
// name is not a property it declares).
func (s *scope) address(d *resourceDecl) (addr, typ string, name *node.Value) {
	return s.addressIn(d, nil, 0)
}

func (s *scope) addressIn(d *resourceDecl, nestedParent *resourceDecl, depth int) (string, string, *node.Value) {
	typ := d.typ
	var nameVal *node.Value
	key := "resource " + d.name
	if s.busy[key] {
		// Its name refers to itself (name: stg.id): Bicep refuses it; here
		// the name stays unknown.
		s.fail(s.at(d.sp), "the name of resource %s refers to the resource itself", d.name)
		return arm.Address(typ, "["+d.name+"]"), typ, unknownAt(s.at(d.sp))
	}
	s.busy[key] = true
	defer delete(s.busy, key)
	if o := bodyObject(d.body); o != nil {
		for _, p := range o.props {
			if p.key == "name" {
				nameVal = s.evalNoLocals(p.value)
			}
		}
	}
	nameText := "[" + d.name + "]"
	if t, ok := scalarText(nameVal); ok {
		nameText = t
	} else if nameVal != nil && nameVal.Kind == node.Unknown && nameVal.Str != "" {
		nameText = nameVal.Str
	}
	parent := nestedParent
	if parent == nil {
		parent = s.parentOf(d)
	}
	if parent == nil {
		parent = s.enclosing(d)
	}
	if parent != nil && depth < 8 {
		_, ptyp, pname := s.addressIn(parent, nil, depth+1)
		if !strings.Contains(typ, ".") || !strings.Contains(strings.SplitN(typ, "/", 2)[0], ".") {
			typ = ptyp + "/" + typ
		}
		ptext := "[" + parent.name + "]"
		if t, ok := scalarText(pname); ok {
			ptext = t
		}
		nameText = ptext + "/" + nameText
		if nameVal != nil {
			nameVal = joinName(pname, nameVal)
		}
	}
	return arm.Address(typ, nameText), typ, nameVal
}

// joinName is parent/child as a name value.
func joinName(parent, child *node.Value) *node.Value {
	pt, pok := scalarText(parent)
	ct, cok := scalarText(child)
	if pok && cok {
		return &node.Value{Kind: node.String, Str: pt + "/" + ct, Range: child.Range}
	}
	return unknownAt(child.Range, refs(parent, child)...)
}

// enclosing is the resource a nested declaration is written in.
func (s *scope) enclosing(d *resourceDecl) *resourceDecl {
	var find func(rs []*resourceDecl) *resourceDecl
	find = func(rs []*resourceDecl) *resourceDecl {
		for _, r := range rs {
			o := bodyObject(r.body)
			if o == nil {
				continue
			}
			for _, c := range o.resources {
				if c == d {
					return r
				}
			}
			if p := find(o.resources); p != nil {
				return p
			}
		}
		return nil
	}
	return find(s.f.resources)
}

// evalNoLocals evaluates outside any loop: a looped resource's name, read
// to name it in a reference, depends on its loop variable, which is
// unknown there.
func (s *scope) evalNoLocals(x expr) *node.Value {
	saved := s.locals
	s.locals = nil
	defer func() { s.locals = saved }()
	return s.eval(x)
}

func (s *scope) index(x *index, r source.Range) *node.Value {
	if d, ok := s.symbolOf(x.x); ok {
		_ = d
		return unknownAt(r, refs(s.eval(x.x))...) // an element of a looped resource or module
	}
	v := s.eval(x.x)
	i := s.eval(x.i)
	switch {
	case v.Kind == node.List && i.Kind == node.Number:
		n, err := strconv.Atoi(i.Str)
		if err == nil && n >= 0 && n < len(v.List) {
			return v.List[n]
		}
	case v.Kind == node.Map && i.Kind == node.String:
		if e := arm.Lookup(v, i.Str); e != nil {
			return e
		}
	case v.Kind == node.Null && x.safe:
		return &node.Value{Kind: node.Null, Range: r}
	}
	if x.safe && (v.Kind == node.List || v.Kind == node.Map) && (i.Kind == node.Number || i.Kind == node.String) {
		return &node.Value{Kind: node.Null, Range: r}
	}
	return unknownAt(r, refs(v, i)...)
}

func (s *scope) unary(x *unary, r source.Range) *node.Value {
	v := s.eval(x.x)
	switch {
	case x.op == "!" && v.Kind == node.Bool:
		return &node.Value{Kind: node.Bool, Bool: !v.Bool, Range: r}
	case x.op == "-" && v.Kind == node.Number:
		if f, err := strconv.ParseFloat(v.Str, 64); err == nil {
			return number(-f, r)
		}
	}
	return unknownAt(r, refs(v)...)
}

func number(f float64, r source.Range) *node.Value {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return unknownAt(r)
	}
	return &node.Value{Kind: node.Number, Str: strconv.FormatFloat(f, 'f', -1, 64), Range: r}
}

func (s *scope) binary(x *binary, r source.Range) *node.Value {
	l := s.eval(x.l)
	switch x.op {
	case "&&", "||":
		// A known false (or true) side decides, whatever the other.
		decides := x.op == "||"
		if l.Kind == node.Bool && l.Bool == decides {
			return &node.Value{Kind: node.Bool, Bool: decides, Range: r}
		}
		rv := s.eval(x.r)
		if rv.Kind == node.Bool && rv.Bool == decides {
			return &node.Value{Kind: node.Bool, Bool: decides, Range: r}
		}
		if l.Kind == node.Bool && rv.Kind == node.Bool {
			return &node.Value{Kind: node.Bool, Bool: !decides, Range: r}
		}
		return unknownAt(r, refs(l, rv)...)
	case "??":
		if l.Kind == node.Null {
			return s.eval(x.r)
		}
		if l.Kind == node.Unknown {
			return unknownAt(r, refs(l, s.eval(x.r))...)
		}
		return l
	}
	rv := s.eval(x.r)
	if !l.Known() || !rv.Known() {
		return unknownAt(r, refs(l, rv)...)
	}
	switch x.op {
	case "==", "!=":
		eq := equal(l, rv, false)
		return &node.Value{Kind: node.Bool, Bool: eq == (x.op == "=="), Range: r}
	case "=~", "!~":
		eq := equal(l, rv, true)
		return &node.Value{Kind: node.Bool, Bool: eq == (x.op == "=~"), Range: r}
	}
	lf, lok := num(l)
	rf, rok := num(rv)
	if !lok || !rok {
		if x.op == "+" && l.Kind == node.String && rv.Kind == node.String {
			return unknownAt(r) // not Bicep: strings join with interpolation
		}
		return unknownAt(r, refs(l, rv)...)
	}
	switch x.op {
	case "<":
		return &node.Value{Kind: node.Bool, Bool: lf < rf, Range: r}
	case ">":
		return &node.Value{Kind: node.Bool, Bool: lf > rf, Range: r}
	case "<=":
		return &node.Value{Kind: node.Bool, Bool: lf <= rf, Range: r}
	case ">=":
		return &node.Value{Kind: node.Bool, Bool: lf >= rf, Range: r}
	case "+":
		return number(lf+rf, r)
	case "-":
		return number(lf-rf, r)
	case "*":
		return number(lf*rf, r)
	case "/":
		if rf != 0 {
			return number(math.Trunc(lf/rf), r)
		}
	case "%":
		if rf != 0 {
			return number(math.Mod(lf, rf), r)
		}
	}
	return unknownAt(r)
}

func num(v *node.Value) (float64, bool) {
	if v.Kind != node.Number {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.Str, 64)
	return f, err == nil
}

// equal compares known values; strings case-insensitively when fold.
func equal(a, b *node.Value, fold bool) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case node.String:
		if fold {
			return strings.EqualFold(a.Str, b.Str)
		}
		return a.Str == b.Str
	case node.Number:
		af, _ := num(a)
		bf, _ := num(b)
		return af == bf
	case node.Bool:
		return a.Bool == b.Bool
	case node.Null:
		return true
	}
	return a.JSON() == b.JSON()
}

// forValue evaluates [for ...] in a value: one element per item.
func (s *scope) forValue(x *forExpr, r source.Range) *node.Value {
	items, ok := s.iterate(x.iter)
	if !ok {
		return unknownAt(r)
	}
	out := &node.Value{Kind: node.List, Range: r}
	for i, it := range items {
		s.locals = append(s.locals, loopVars(x, it, i))
		body := x.body
		include := true
		if ie, ok := body.(*ifExpr); ok {
			c := s.eval(ie.cond)
			if c.Kind != node.Bool {
				s.locals = s.locals[:len(s.locals)-1]
				return unknownAt(r)
			}
			include, body = c.Bool, ie.body
		}
		if include {
			out.List = append(out.List, s.eval(body))
		}
		s.locals = s.locals[:len(s.locals)-1]
	}
	return out
}

func loopVars(x *forExpr, item *node.Value, i int) map[string]*node.Value {
	m := map[string]*node.Value{x.item: item}
	if x.index != "" {
		m[x.index] = number(float64(i), item.Range)
	}
	return m
}

// iterate is what a for expression iterates over: the elements of a known
// array (range() builds one), within maxLoop.
func (s *scope) iterate(x expr) ([]*node.Value, bool) {
	v := s.eval(x)
	if v.Kind != node.List || len(v.List) > maxLoop {
		return nil, false
	}
	return v.List, true
}

// fromText reads a parameter value given as text: JSON when it parses as
// JSON, else a string.
func fromText(s string, r source.Range) *node.Value {
	var x any
	if err := json.Unmarshal([]byte(s), &x); err == nil {
		return node.FromPlain(x, r, nil)
	}
	return &node.Value{Kind: node.String, Str: s, Range: r}
}

func (s *scope) call(x *call, r source.Range) *node.Value {
	if x.recv != nil { // stg.listKeys(), a resource's function
		return unknownAt(r, refs(s.eval(x.recv))...)
	}
	args := make([]*node.Value, len(x.args))
	for i, a := range x.args {
		args[i] = s.eval(a)
	}
	name := strings.ToLower(x.name)
	switch name {
	case "resourceid", "subscriptionresourceid", "tenantresourceid", "managementgroupresourceid":
		return arm.ResourceID(args, argTexts(x.args), r)
	case "extensionresourceid":
		if len(args) > 1 {
			return arm.ResourceID(args[1:], argTexts(x.args[1:]), r)
		}
	case "any":
		if len(args) == 1 {
			return args[0]
		}
	case "range":
		return rangeFn(args, r)
	case "items":
		return items(args, r)
	case "objectkeys":
		if len(args) == 1 && args[0].Kind == node.Map {
			out := &node.Value{Kind: node.List, Range: r}
			for _, k := range args[0].Keys {
				out.List = append(out.List, &node.Value{Kind: node.String, Str: k, Range: r})
			}
			return out
		}
	case "tryget":
		return tryGet(args, r)
	}
	if v, ok := arm.Call(name, args, r); ok {
		return v
	}
	// What only a deployment computes (uniqueString, resourceGroup(),
	// guid, reference, list*) or what this reader does not evaluate
	// (lambdas' filter and map): unknown, still linking to the resources
	// its arguments name.
	return unknownAt(r, refs(args...)...)
}

// argTexts are arguments as short texts, standing for name parts the file
// alone does not decide.
func argTexts(xs []expr) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		switch x := x.(type) {
		case *ident:
			out[i] = x.name
		case *member:
			out[i] = x.name
		default:
			out[i] = "..."
		}
	}
	return out
}

func rangeFn(args []*node.Value, r source.Range) *node.Value {
	if len(args) != 2 {
		return unknownAt(r)
	}
	start, ok1 := num(args[0])
	count, ok2 := num(args[1])
	if !ok1 || !ok2 || count < 0 || count > maxLoop {
		return unknownAt(r)
	}
	out := &node.Value{Kind: node.List, Range: r}
	for i := 0; i < int(count); i++ {
		out.List = append(out.List, number(start+float64(i), r))
	}
	return out
}

func items(args []*node.Value, r source.Range) *node.Value {
	if len(args) != 1 || args[0].Kind != node.Map {
		return unknownAt(r, refs(args...)...)
	}
	out := &node.Value{Kind: node.List, Range: r}
	for _, k := range args[0].Keys {
		e := &node.Value{Kind: node.Map, Range: r, Map: map[string]*node.Value{}}
		set(e, "key", &node.Value{Kind: node.String, Str: k, Range: r})
		set(e, "value", args[0].Map[k])
		out.List = append(out.List, e)
	}
	return out
}

func tryGet(args []*node.Value, r source.Range) *node.Value {
	if len(args) < 2 {
		return unknownAt(r)
	}
	v := args[0]
	for _, k := range args[1:] {
		switch {
		case v.Kind == node.Null:
			return v
		case v.Kind == node.Map && k.Kind == node.String:
			if v = arm.Lookup(v, k.Str); v == nil {
				return &node.Value{Kind: node.Null, Range: r}
			}
		case v.Kind == node.List && k.Kind == node.Number:
			n, err := strconv.Atoi(k.Str)
			if err != nil || n < 0 || n >= len(v.List) {
				return &node.Value{Kind: node.Null, Range: r}
			}
			v = v.List[n]
		default:
			return unknownAt(r, refs(args...)...)
		}
	}
	return v
}

func (s *scope) fail(r source.Range, format string, args ...any) {
	s.ev.diags.Errorf(r, "Invalid Bicep", format, args...)
}
