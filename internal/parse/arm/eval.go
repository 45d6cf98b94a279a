package arm

import (
	"encoding/json"
	"strings"

	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/unknown"
)

// Bounds on what one evaluated value may grow to: variables that concat
// themselves can otherwise double a value at every step.
const (
	maxString = 1 << 20
	maxList   = 100_000
)

// steps counts the function calls of one file across nested scopes.
type steps struct {
	n        int
	reported bool
}

// evaluator evaluates expressions in one template scope.
type evaluator struct {
	file    string
	params  map[string]*node.Value // lower-case names
	varRaw  map[string]*node.Value
	vars    map[string]*node.Value
	inVar   map[string]bool
	byName  map[string]string // lower-case resource name -> address
	symbols map[string]string // lower-case symbolic name -> address
	diags   *source.Diagnostics
	steps   *steps
	depth   int
}

func newEvaluator(file string, diags *source.Diagnostics, st *steps) *evaluator {
	return &evaluator{
		file: file, params: map[string]*node.Value{}, varRaw: map[string]*node.Value{},
		vars: map[string]*node.Value{}, inVar: map[string]bool{}, byName: map[string]string{},
		symbols: map[string]string{}, diags: diags, steps: st,
	}
}

// declare reads the parameters and variables of a template: a parameter
// takes its given value, else its default, else it is unknown.
func (e *evaluator) declare(raw *node.Value, given map[string]*node.Value) {
	if vs := Lookup(raw, "variables"); vs != nil && vs.Kind == node.Map {
		for _, k := range vs.Keys {
			if strings.EqualFold(k, "copy") && vs.Map[k].Kind == node.List {
				// Variable loops: each builds an array whose elements
				// hang on copyIndex(); the array is declared, unknown.
				for _, c := range vs.Map[k].List {
					if name, ok := Lookup(c, "name").Text(); ok {
						e.varRaw[strings.ToLower(name)] = node.NewUnknown(c.Range)
					}
				}
				continue
			}
			e.varRaw[strings.ToLower(k)] = vs.Map[k]
		}
	}
	ps := Lookup(raw, "parameters")
	if ps == nil || ps.Kind != node.Map {
		return
	}
	for _, k := range ps.Keys {
		name := strings.ToLower(k)
		decl := ps.Map[k]
		switch v, ok := given[name]; {
		case ok:
			e.params[name] = v
		case Lookup(decl, "defaultValue") != nil:
			// Defaults may use earlier parameters and functions.
			e.params[name] = e.eval(Lookup(decl, "defaultValue"))
		default:
			e.params[name] = node.NewUnknown(decl.Range)
		}
	}
}

// eval evaluates a raw template value: expression strings are evaluated,
// maps and lists element by element.
func (e *evaluator) eval(v *node.Value) *node.Value {
	if v == nil {
		return nil
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > node.MaxDepth {
		e.diags.Errorf(v.Range, "ARM template too deep", "expressions and values nest deeper than %d levels", node.MaxDepth)
		return node.NewUnknown(v.Range)
	}
	switch v.Kind {
	case node.String:
		lit, isExpr := isExpression(v.Str)
		if !isExpr {
			if lit == v.Str {
				return v
			}
			return &node.Value{Kind: node.String, Str: lit, Range: v.Range}
		}
		x, err := parseExpr(v.Str[1 : len(v.Str)-1])
		if err != nil {
			e.diags.Warnf(v.Range, "Invalid ARM template expression", "%v; the value is treated as unknown", err)
			return node.NewUnknown(v.Range)
		}
		return node.At(e.expr(x, v.Range), v.Range)
	case node.Map:
		out := &node.Value{Kind: node.Map, Range: v.Range, Map: make(map[string]*node.Value, len(v.Keys)), Keys: make([]string, 0, len(v.Keys))}
		for _, k := range v.Keys {
			if strings.EqualFold(k, "copy") && v.Map[k].Kind == node.List {
				// A property loop: the properties it builds are known to
				// exist, not what they hold.
				for _, c := range v.Map[k].List {
					if name, ok := Lookup(c, "name").Text(); ok {
						out.Keys = append(out.Keys, name)
						out.Map[name] = node.NewUnknown(c.Range)
					}
				}
				continue
			}
			ev := e.eval(v.Map[k])
			if _, isExpr := isExpression(k); isExpr {
				// A property name may be an expression (the resource IDs
				// keying userAssignedIdentities): its value keeps the links.
				key := e.eval(&node.Value{Kind: node.String, Str: k, Range: v.Map[k].Range})
				if s, ok := key.Text(); ok && key.Known() {
					k = s
				}
				if refs := key.AllRefs(); len(refs) > 0 {
					cp := *ev
					cp.Refs = append(append([]string(nil), ev.Refs...), refs...)
					ev = &cp
				}
			}
			if _, dup := out.Map[k]; !dup {
				out.Keys = append(out.Keys, k)
			}
			out.Map[k] = ev
		}
		return out
	case node.List:
		out := &node.Value{Kind: node.List, Range: v.Range, List: make([]*node.Value, len(v.List))}
		for i, el := range v.List {
			out.List[i] = e.eval(el)
		}
		return out
	}
	return v
}

// expr evaluates one parsed expression.
func (e *evaluator) expr(x expr, at source.Range) *node.Value {
	e.steps.n++
	if e.steps.n > maxSteps {
		if !e.steps.reported {
			e.steps.reported = true
			e.diags.Errorf(at, "ARM template too costly", "more than %d function calls; the rest of the values are treated as unknown", maxSteps)
		}
		return node.NewUnknown(at)
	}
	switch x := x.(type) {
	case strLit:
		return &node.Value{Kind: node.String, Str: x.s, Range: at}
	case numLit:
		return &node.Value{Kind: node.Number, Str: x.s, Range: at}
	case boolLit:
		return &node.Value{Kind: node.Bool, Bool: x.b, Range: at}
	case nullLit:
		return &node.Value{Kind: node.Null, Range: at}
	case access:
		return member(e.expr(x.target, at), x.prop, at)
	case index:
		t, i := e.expr(x.target, at), e.expr(x.index, at)
		if !i.Known() {
			return node.NewUnknown(at, refsOf(t, i)...)
		}
		if t.Kind == node.List {
			if n, ok := intOf(i); ok && n >= 0 && n < len(t.List) {
				return t.List[n]
			}
			return node.NewUnknown(at, t.Refs...)
		}
		s, _ := i.Text()
		return member(t, s, at)
	case call:
		return e.call(x, at)
	}
	return node.NewUnknown(at)
}

// member is v.name: a property of an object, unknown on an unknown value
// (the properties of reference() or resourceGroup()).
func member(v *node.Value, name string, at source.Range) *node.Value {
	if v.Kind == node.Map {
		if m := Lookup(v, name); m != nil {
			return m
		}
	}
	return node.NewUnknown(at, v.Refs...)
}

func refsOf(vs ...*node.Value) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.AllRefs()...)
	}
	return out
}

func intOf(v *node.Value) (int, bool) {
	if v.Kind != node.Number {
		return 0, false
	}
	var n int
	if err := json.Unmarshal([]byte(v.Str), &n); err != nil {
		return 0, false
	}
	return n, true
}

// variable evaluates a variable once; a cycle is an error and unknown.
func (e *evaluator) variable(name string, at source.Range) *node.Value {
	key := strings.ToLower(name)
	if v, ok := e.vars[key]; ok {
		return v
	}
	raw, ok := e.varRaw[key]
	if !ok {
		e.diags.Warnf(at, "Unknown ARM variable", "variable %q is not declared; the value is treated as unknown", name)
		return node.NewUnknown(at)
	}
	if e.inVar[key] {
		e.diags.Errorf(raw.Range, "Circular ARM variable", "variable %q refers to itself", name)
		return node.NewUnknown(at)
	}
	e.inVar[key] = true
	v := e.eval(raw)
	delete(e.inVar, key)
	e.vars[key] = v
	return v
}

// text renders a value as template functions do when they build strings;
// the unknown parts become unknown.Placeholder.
func text(v *node.Value) (string, bool) {
	if v.Kind == node.Unknown {
		if v.Str != "" {
			return v.Str, false
		}
		return unknown.Placeholder, false
	}
	if s, ok := v.Text(); ok {
		return s, true
	}
	if v.Kind == node.Null {
		return "", true
	}
	return v.JSON(), v.Known()
}

// fromText reads a value given on the command line: JSON when it is JSON,
// a string otherwise.
func fromText(s string, at source.Range) *node.Value {
	var x any
	if err := json.Unmarshal([]byte(s), &x); err == nil {
		return node.FromPlain(x, at, nil)
	}
	return &node.Value{Kind: node.String, Str: s, Range: at}
}

// exprText is a raw name as written, for addresses of resources whose
// names only a deployment knows: the parts a concat() or format() of the
// name can know are evaluated, the others stand as their expression in one
// canonical spelling, so that a resourceId() over the same parameters names
// the same address: concat(parameters('ws'), '/', 'ci') is
// [parameters('ws')]/ci.
func (e *evaluator) exprText(v *node.Value) string {
	s, ok := v.Text()
	if !ok {
		return "?"
	}
	if _, isExpr := isExpression(s); isExpr {
		if x, err := parseExpr(s[1 : len(s)-1]); err == nil {
			return e.partsText(x, v.Range)
		}
	}
	return s
}

func (e *evaluator) partsText(x expr, at source.Range) string {
	if c, ok := x.(call); ok {
		switch {
		case c.name == "concat":
			var sb strings.Builder
			for _, a := range c.args {
				sb.WriteString(e.partsText(a, at))
			}
			return sb.String()
		case c.name == "format" && len(c.args) > 0:
			if f, ok := c.args[0].(strLit); ok {
				return e.formatText(f.s, c.args[1:], at)
			}
		}
	}
	if v := e.expr(x, at); v.Known() {
		if s, ok := v.Text(); ok {
			return s
		}
	}
	return "[" + render(x) + "]"
}

// formatText fills a format string's {n} with the parts of its arguments.
func (e *evaluator) formatText(f string, args []expr, at source.Range) string {
	out, ok := fill(f, func(n int) (string, bool) {
		if n >= len(args) {
			return "", true // a deployment would refuse it; the name keeps its other parts
		}
		return e.partsText(args[n], at), true
	})
	if !ok {
		return "?"
	}
	return out
}
