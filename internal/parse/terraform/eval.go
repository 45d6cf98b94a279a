package terraform

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/mlguard/mlguard/internal/source"
)

// refMark marks every value derived from a resource with that resource's
// address. cty carries marks through operators and functions, so the marks on
// an attribute's value say exactly which resources it was computed from: the
// notebook's kms_key_id = aws_kms_key.k.arn is unknown but marked aws_kms_key.k.
type refMark string

type rootInfo struct {
	dir     string
	modules map[string]string // modules.json key -> directory
	fns     map[string]function.Function
	budget  *budget
	stopped bool // the root's evaluation ran out of budget, and that was reported
	// awsRegion is the root module's aws provider region, when literal.
	awsRegion string
}

// instance evaluates one instance of one module.
type instance struct {
	l      *loader
	cfg    *moduleConfig
	root   *rootInfo
	addr   string // module address prefix, "" in the root module
	key    string // modules.json key: "a", "a.b"
	inputs map[string]cty.Value
	chain  []string // module directories on the call stack
	out    *rootResult
	values map[string]cty.Value // graph node -> value
	fixed  map[string]cty.Value // path and terraform, the same for every node
	needed map[string]needTree
}

type nodeKind int

const (
	kindVar nodeKind = iota
	kindLocal
	kindResource
	kindModule
	kindOutput
)

type node struct {
	id    string
	kind  nodeKind
	deps  []string
	rng   hcl.Range
	local *hcl.Attribute
	res   *resourceConfig
	call  *moduleCall
}

// run evaluates the module and returns its outputs as an object.
func (in *instance) run(ctx context.Context) (cty.Value, error) {
	in.values = map[string]cty.Value{}
	in.needed = map[string]needTree{}
	in.fixed = map[string]cty.Value{
		"path":      cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(relPath(in.root.dir, in.cfg.dir)), "root": cty.StringVal("."), "cwd": cty.StringVal(".")}),
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
	}
	nodes := in.graph()
	order, cyclic := topoSort(nodes)
	resolved := map[string]bool{} // module calls settled by moduleCycle
	for _, id := range order {
		if err := ctx.Err(); err != nil {
			return cty.NilVal, err
		}
		n := nodes[id]
		if cyclic[id] && n.kind == kindModule && !resolved[id] {
			if _, err := in.moduleCycle(ctx, nodes, id, resolved); err != nil {
				return cty.NilVal, err
			}
		}
		if resolved[id] {
			continue
		}
		if cyclic[id] {
			in.out.diags.Errorf(toRange(n.rng), "Cycle in references", "%s depends on itself through other references; its value is treated as unknown", id)
			in.values[id] = cty.DynamicVal
			continue
		}
		v, err := in.evalNode(ctx, n)
		if err != nil {
			return cty.NilVal, err
		}
		in.values[id] = v
	}
	outs := map[string]cty.Value{}
	for name := range in.cfg.outputs {
		outs[name] = in.values["output."+name]
	}
	return cty.ObjectVal(outs), nil
}

func (in *instance) graph() map[string]*node {
	nodes := map[string]*node{}
	refs := in.cfg.refs()
	for name, v := range in.cfg.variables {
		nodes["var."+name] = &node{id: "var." + name, kind: kindVar, rng: v.rng}
	}
	for name, a := range in.cfg.locals {
		id := "local." + name
		nodes[id] = &node{id: id, kind: kindLocal, local: a, rng: a.Range, deps: in.deps(refs[id])}
	}
	for _, r := range in.cfg.resources {
		nodes[r.key()] = &node{id: r.key(), kind: kindResource, res: r, rng: r.rng, deps: in.deps(refs[r.key()])}
	}
	for _, c := range in.cfg.calls {
		id := "module." + c.name
		nodes[id] = &node{id: id, kind: kindModule, call: c, rng: c.rng, deps: in.deps(refs[id])}
	}
	for name, a := range in.cfg.outputs {
		id := "output." + name
		nodes[id] = &node{id: id, kind: kindOutput, local: a, rng: a.Range, deps: in.deps(refs[id])}
	}
	return nodes
}

// refs are the references the expressions of each graph node of the module
// make (variables make none), by node ID. They are found once per parsed
// module: every instance of it shares them.
func (c *moduleConfig) refs() map[string][]hcl.Traversal {
	c.refsOnce.Do(func() {
		out := map[string][]hcl.Traversal{}
		for name, a := range c.locals {
			out["local."+name] = exprTraversals(a.Expr)
		}
		for _, r := range c.resources {
			trs := append(bodyTraversals(r.body), exprTraversals(r.count)...)
			out[r.key()] = append(trs, exprTraversals(r.forEach)...)
		}
		for _, call := range c.calls {
			var trs []hcl.Traversal
			for _, a := range call.inputs {
				trs = append(trs, exprTraversals(a.Expr)...)
			}
			trs = append(trs, exprTraversals(call.count)...)
			out["module."+call.name] = append(trs, exprTraversals(call.forEach)...)
		}
		for name, a := range c.outputs {
			out["output."+name] = exprTraversals(a.Expr)
		}
		c.refsByNode = out
	})
	return c.refsByNode
}

// deps turns the traversals of some expressions into graph node IDs, and
// records which attributes of each resource are read so that the resource's
// value can offer them.
func (in *instance) deps(trs []hcl.Traversal) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range trs {
		id, attrs := nodeOf(t)
		if id == "" {
			continue
		}
		if len(attrs) > 0 {
			if in.needed[id] == nil {
				in.needed[id] = needTree{}
			}
			in.needed[id].add(attrs)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// nodeOf names the graph node a traversal reads and, for resources, the
// path of attribute and nested block names it reads below it.
func nodeOf(t hcl.Traversal) (id string, attrs []string) {
	names := traversalNames(t)
	switch t.RootName() {
	case "var", "local", "module":
		if len(names) > 1 {
			return t.RootName() + "." + names[1], nil
		}
	case "data":
		if len(names) > 2 {
			return "data." + names[1] + "." + names[2], names[3:]
		}
	case "count", "each", "path", "terraform", "self":
	default:
		if len(names) > 1 {
			return names[0] + "." + names[1], names[2:]
		}
	}
	return "", nil
}

// needTree is the attributes read of a resource, and below each nested
// block the attributes read of it (identity[0].principal_id).
type needTree map[string]needTree

func (n needTree) add(path []string) {
	for _, name := range path {
		next := n[name]
		if next == nil {
			next = needTree{}
			n[name] = next
		}
		n = next
	}
}

// traversalNames lists the attribute names of a traversal, skipping indexes.
func traversalNames(t hcl.Traversal) []string {
	var names []string
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		}
	}
	return names
}

func exprTraversals(e hcl.Expression) []hcl.Traversal {
	if e == nil {
		return nil
	}
	return append(e.Variables(), impliedTraversals(e)...)
}

// impliedTraversals are the attributes an expression reads of a resource
// without naming them in one traversal, as traversals from the resource,
// so that the resource's value offers them (Variables gives the resource
// alone): a splat (aws_eip.nat[*].public_ip), an index that is not a
// literal (google_logging_organization_sink.sink[each.key].writer_identity),
// and a for expression's value variable
// ({ for k, v in google_compute_subnetwork.s : k => v.self_link }).
func impliedTraversals(e hcl.Expression) []hcl.Traversal {
	se, ok := e.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	var out []hcl.Traversal
	join := func(src, rest hcl.Traversal) {
		t := append(hcl.Traversal{}, src...)
		out = append(out, append(t, rest...))
	}
	hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		switch t := n.(type) {
		case *hclsyntax.SplatExpr:
			if src, ok := t.Source.(*hclsyntax.ScopeTraversalExpr); ok {
				if rel, ok := t.Each.(*hclsyntax.RelativeTraversalExpr); ok {
					if _, anon := rel.Source.(*hclsyntax.AnonSymbolExpr); anon {
						join(src.Traversal, rel.Traversal)
					}
				}
			}
		case *hclsyntax.RelativeTraversalExpr:
			if ix, ok := t.Source.(*hclsyntax.IndexExpr); ok {
				if src, ok := ix.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
					join(src.Traversal, t.Traversal)
				}
			}
		case *boundedFor:
			forTraversals(t.ForExpr, join)
		case *hclsyntax.ForExpr:
			forTraversals(t, join)
		}
		return nil
	})
	return out
}

// forTraversals adds what a for expression's value variable reads of a
// resource it iterates over.
func forTraversals(t *hclsyntax.ForExpr, join func(src, rest hcl.Traversal)) {
	src, ok := t.CollExpr.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return
	}
	for _, body := range []hclsyntax.Expression{t.KeyExpr, t.ValExpr, t.CondExpr} {
		if body == nil {
			continue
		}
		hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
			if v, ok := n.(*hclsyntax.ScopeTraversalExpr); ok && v.Traversal.RootName() == t.ValVar && len(v.Traversal) > 1 {
				join(src.Traversal, v.Traversal[1:])
			}
			return nil
		})
	}
}

// bodyTraversals collects the references of every expression in a body.
func bodyTraversals(b hcl.Body) []hcl.Traversal {
	var out []hcl.Traversal
	if sb, ok := b.(*hclsyntax.Body); ok {
		for _, a := range sb.Attributes {
			out = append(out, exprTraversals(a.Expr)...)
		}
		for _, nb := range sb.Blocks {
			out = append(out, bodyTraversals(nb.Body)...)
		}
		return out
	}
	attrs, _ := b.JustAttributes()
	for _, a := range attrs {
		out = append(out, a.Expr.Variables()...)
	}
	return out
}

// topoSort orders nodes so that each comes after its dependencies, breaking
// ties by name so that the result never depends on file or map order. Nodes on
// a cycle are reported in cyclic and evaluated as unknown.
func topoSort(nodes map[string]*node) (order []string, cyclic map[string]bool) {
	cyclic = map[string]bool{}
	indeg := map[string]int{}
	users := map[string][]string{}
	for id, n := range nodes {
		indeg[id] += 0
		for _, d := range n.deps {
			if _, ok := nodes[d]; ok && d != id {
				indeg[id]++
				users[d] = append(users[d], id)
			} else if d == id {
				cyclic[id] = true
			}
		}
	}
	var ready []string
	for id, d := range indeg {
		if d == 0 {
			ready = append(ready, id)
		}
	}
	done := map[string]bool{}
	for len(order) < len(nodes) {
		if len(ready) == 0 {
			id := onCycle(nodes, done)
			cyclic[id] = true
			ready = append(ready, id)
			indeg[id] = 0
		}
		sort.Strings(ready)
		id := ready[0]
		ready = ready[1:]
		if done[id] {
			continue
		}
		done[id] = true
		order = append(order, id)
		for _, u := range users[id] {
			indeg[u]--
			if indeg[u] == 0 && !done[u] {
				ready = append(ready, u)
			}
		}
	}
	return order, cyclic
}

// onCycle returns a node that lies on a cycle among the nodes not yet done.
// Every such node has a dependency that is not done either, so walking
// dependencies from any of them must come back to a node already seen.
func onCycle(nodes map[string]*node, done map[string]bool) string {
	var rest []string
	for id := range nodes {
		if !done[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	seen := map[string]bool{}
	id := rest[0]
	for !seen[id] {
		seen[id] = true
		next := ""
		for _, d := range nodes[id].deps {
			if _, ok := nodes[d]; ok && !done[d] && (next == "" || d < next) {
				next = d
			}
		}
		if next == "" {
			return id
		}
		id = next
	}
	return id
}

// evalContext builds the variables that expressions of a node may read.
func (in *instance) evalContext(deps []string) *hcl.EvalContext {
	groups := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	for _, d := range deps {
		v, ok := in.values[d]
		if !ok {
			continue
		}
		parts := strings.SplitN(d, ".", 3)
		if parts[0] == "data" {
			if data[parts[1]] == nil {
				data[parts[1]] = map[string]cty.Value{}
			}
			data[parts[1]][parts[2]] = v
			continue
		}
		if groups[parts[0]] == nil {
			groups[parts[0]] = map[string]cty.Value{}
		}
		groups[parts[0]][parts[1]] = v
	}
	vars := map[string]cty.Value{}
	for g, m := range groups {
		vars[g] = cty.ObjectVal(m)
	}
	if len(data) > 0 {
		dm := map[string]cty.Value{}
		for t, m := range data {
			dm[t] = cty.ObjectVal(m)
		}
		vars["data"] = cty.ObjectVal(dm)
	}
	for k, v := range in.fixed {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: in.root.budget.with(vars), Functions: in.root.fns}
}

// relPath is target relative to base, both clean slash paths in one fs.
func relPath(base, target string) string {
	if base == target {
		return "."
	}
	b := strings.Split(base, "/")
	t := strings.Split(target, "/")
	if base == "." {
		b = nil
	}
	i := 0
	for i < len(b) && i < len(t) && b[i] == t[i] {
		i++
	}
	parts := make([]string, 0, len(b)-i+len(t)-i)
	for range b[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	return strings.Join(parts, "/")
}

func (in *instance) evalNode(ctx context.Context, n *node) (cty.Value, error) {
	switch n.kind {
	case kindVar:
		return in.variable(in.cfg.variables[strings.TrimPrefix(n.id, "var.")]), nil
	case kindLocal, kindOutput:
		return in.eval(n.local.Expr, in.evalContext(n.deps)), nil
	case kindResource:
		return in.resource(n.res, in.evalContext(n.deps)), nil
	case kindModule:
		return in.module(ctx, n.call, in.evalContext(n.deps))
	}
	return cty.DynamicVal, nil
}

// variable returns a variable's value: the caller's, else the default, else
// unknown (a variable nobody set is unknown, never empty).
func (in *instance) variable(v *variable) cty.Value {
	raw, ok := in.inputs[v.name]
	if !ok || raw.IsNull() {
		if v.def == nil {
			return cty.UnknownVal(v.typ)
		}
		b := in.root.budget
		b.begin()
		var d hcl.Diagnostics
		raw, d = v.def.Value(&hcl.EvalContext{Variables: b.with(nil), Functions: in.root.fns})
		if b.stopped() || !b.fits(raw) {
			in.outOfBudget(v.def)
			return cty.UnknownVal(v.typ)
		}
		if d.HasErrors() {
			in.out.diags = append(in.out.diags, convertDiags(d, source.SevError)...)
			return cty.UnknownVal(v.typ)
		}
	}
	raw, pvm := raw.UnmarkDeepWithPaths()
	if v.defaults != nil {
		raw = v.defaults.Apply(raw)
	}
	conv, err := convert.Convert(raw, v.typ)
	if err != nil {
		in.out.diags.Errorf(toRange(v.rng), "Invalid value for variable", "variable %q: %v", v.name, err)
		return cty.UnknownVal(v.typ)
	}
	return conv.MarkWithPaths(pvm)
}

// eval evaluates an expression. An expression that fails is reported as a
// warning and becomes unknown, still linked to the resources it mentions.
func (in *instance) eval(e hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	b := in.root.budget
	b.begin()
	if b.expired {
		return in.unknownOf(e)
	}
	v, diags := e.Value(ctx)
	if b.stopped() || !b.fits(v) {
		in.outOfBudget(e)
		return in.unknownOf(e)
	}
	if !diags.HasErrors() {
		return v
	}
	for _, d := range diags {
		if d.Severity == hcl.DiagError && computedAttribute(d) {
			// An attribute of a resource that its configuration does not
			// set (read through a module output or a local, where the
			// resource's value cannot offer it): computed, so unknown, as
			// Terraform would plan it. Not an error of the configuration.
			continue
		}
		if d.Severity == hcl.DiagError {
			r := source.Range{}
			if d.Subject != nil {
				r = toRange(*d.Subject)
			}
			in.out.diags.Warnf(r, "Cannot evaluate expression", "%s: %s; the value is treated as unknown", d.Summary, d.Detail)
		}
	}
	v = in.unknownOf(e)
	return v.WithMarks(readMarks(e, ctx))
}

// readMarks are the resource links of what an expression that failed could
// still read: the longest part of each of its references that evaluates
// (module.addr.one of module.addr.one.self_link), when it is a resource's
// value, so that a value read through a module output or a local keeps its
// link.
func readMarks(e hcl.Expression, ctx *hcl.EvalContext) cty.ValueMarks {
	marks := cty.ValueMarks{}
	for _, t := range e.Variables() {
		v, ok := longestPrefix(t, len(t), func(p hcl.Traversal) (cty.Value, hcl.Diagnostics) { return p.TraverseAbs(ctx) })
		if !ok {
			continue
		}
		// Only a value that is a resource's (marked at its top) links: a
		// map of many resources says nothing of which one is read.
		for m := range v.Marks() {
			if _, ok := m.(refMark); ok {
				marks[m] = struct{}{}
			}
		}
	}
	return marks
}

// longestPrefix is the value of the longest part of t, at most upTo steps
// and at least one, that traverse evaluates without error.
func longestPrefix(t hcl.Traversal, upTo int, traverse func(hcl.Traversal) (cty.Value, hcl.Diagnostics)) (cty.Value, bool) {
	for i := upTo; i >= 1; i-- {
		if v, diags := traverse(t[:i]); !diags.HasErrors() {
			return v, true
		}
	}
	return cty.NilVal, false
}

// outOfBudget reports an expression stopped by its evaluation budget, or
// (once) the root module whose budget ran out.
func (in *instance) outOfBudget(e hcl.Expression) {
	b := in.root.budget
	switch {
	case !b.expired:
		in.out.diags.Warnf(toRange(e.Range()), "Evaluation bound exceeded", "%s; the value is treated as unknown", b.stop)
	case !in.root.stopped:
		in.root.stopped = true
		in.out.diags.Errorf(toRange(e.Range()), "Evaluation stopped", "%s, here; this and every later value of the module are treated as unknown", b.stop)
	}
}

// unknownOf is the unknown value of an expression that could not be
// evaluated, still linked to the resources it mentions.
func (in *instance) unknownOf(e hcl.Expression) cty.Value {
	marks := cty.ValueMarks{}
	for _, t := range e.Variables() {
		if id, _ := nodeOf(t); id != "" && !strings.HasPrefix(id, "var.") && !strings.HasPrefix(id, "local.") && !strings.HasPrefix(id, "module.") {
			marks[refMark(in.prefix()+id)] = struct{}{}
		}
	}
	return cty.DynamicVal.WithMarks(marks)
}

func (in *instance) prefix() string {
	if in.addr == "" {
		return ""
	}
	return in.addr + "."
}

// expansion is the set of instances that count or for_each produce.
type expansion struct {
	mode    string // "", "count", "for_each"
	keys    []cty.Value
	values  []cty.Value
	unknown bool
}

func (in *instance) expand(count, forEach hcl.Expression, ctx *hcl.EvalContext, what string) expansion {
	switch {
	case count != nil:
		return in.expandCount(count, ctx, what)
	case forEach != nil:
		return in.expandForEach(forEach, ctx, what)
	}
	return expansion{}
}

func (in *instance) expandCount(e hcl.Expression, ctx *hcl.EvalContext, what string) expansion {
	ex := expansion{mode: "count"}
	v, marks := in.eval(e, ctx).UnmarkDeep()
	if !v.IsKnown() {
		in.unknownExpansion(e, marks, what, "count")
		ex.unknown = true
		return ex
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil || n.IsNull() {
		in.out.diags.Errorf(toRange(e.Range()), "Invalid count", "%s: count must be a whole number", what)
		return ex
	}
	bf := n.AsBigFloat()
	c, acc := bf.Int64()
	if acc != 0 || c < 0 {
		in.out.diags.Errorf(toRange(e.Range()), "Invalid count", "%s: count must be a whole number of zero or more, not %s", what, bf.String())
		return ex
	}
	if c > int64(in.l.opts.MaxInstances) {
		in.out.diags.Errorf(toRange(e.Range()), "Too many instances", "%s: count = %d is more than the %d instances mlguard expands; it is scanned as one instance of unknown count", what, c, in.l.opts.MaxInstances)
		ex.unknown = true
		return ex
	}
	for i := int64(0); i < c; i++ {
		ex.keys = append(ex.keys, cty.NumberIntVal(i))
	}
	return ex
}

func (in *instance) expandForEach(e hcl.Expression, ctx *hcl.EvalContext, what string) expansion {
	ex := expansion{mode: "for_each"}
	v, marks := in.eval(e, ctx).Unmark()
	ty := v.Type()
	if !v.IsKnown() || (ty.IsSetType() && !v.IsWhollyKnown()) {
		in.unknownExpansion(e, marks, what, "for_each")
		ex.unknown = true
		return ex
	}
	if v.IsNull() || !(ty.IsMapType() || ty.IsObjectType() || ty.IsSetType()) {
		in.out.diags.Errorf(toRange(e.Range()), "Invalid for_each argument", "%s: for_each needs a map or a set of strings", what)
		return ex
	}
	if v.LengthInt() > in.l.opts.MaxInstances {
		in.out.diags.Errorf(toRange(e.Range()), "Too many instances", "%s: for_each has %d elements, more than the %d instances mlguard expands; it is scanned as one instance of unknown keys", what, v.LengthInt(), in.l.opts.MaxInstances)
		ex.unknown = true
		return ex
	}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		if ty.IsSetType() {
			k, _ = k.Unmark()
			if k.Type() != cty.String {
				in.out.diags.Errorf(toRange(e.Range()), "Invalid for_each argument", "%s: a set in for_each must hold strings", what)
				return expansion{mode: "for_each"}
			}
			ev = k
		}
		ex.keys = append(ex.keys, k)
		ex.values = append(ex.values, ev)
	}
	return ex
}

// unknownExpansion reports a count or for_each that cannot be known. Terraform
// itself refuses to plan one derived from a resource's computed attribute, so
// that is an error; one that waits on an unset variable is a warning, normal
// when a reusable module is scanned on its own.
func (in *instance) unknownExpansion(e hcl.Expression, marks cty.ValueMarks, what, arg string) {
	fromResource := false
	for m := range marks {
		if _, ok := m.(refMark); ok {
			fromResource = true
		}
	}
	detail := fmt.Sprintf("%s: the %s value cannot be known before apply; the block is scanned once with per-instance values unknown", what, arg)
	if fromResource {
		in.out.diags.Errorf(toRange(e.Range()), "Invalid "+arg+" argument", "%s (Terraform would refuse to plan it)", detail)
		return
	}
	in.out.diags.Warnf(toRange(e.Range()), "Unknown "+arg, "%s", detail)
}

// instanceContext adds count.index or each.key/each.value for instance i.
func (ex expansion) instanceContext(ctx *hcl.EvalContext, i int) *hcl.EvalContext {
	child := ctx.NewChild()
	switch {
	case ex.mode == "count" && ex.unknown:
		child.Variables = map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})}
	case ex.mode == "count":
		child.Variables = map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": ex.keys[i]})}
	case ex.mode == "for_each" && ex.unknown:
		child.Variables = map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})}
	case ex.mode == "for_each":
		child.Variables = map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": ex.keys[i], "value": ex.values[i]})}
	}
	return child
}

// size is the number of instances to evaluate (one stands for an unknown set).
func (ex expansion) size() int {
	if ex.mode == "" || ex.unknown {
		return 1
	}
	return len(ex.keys)
}

// suffix is the address suffix of instance i.
func (ex expansion) suffix(i int) string {
	switch {
	case ex.mode == "" || ex.unknown:
		return ""
	case ex.mode == "count":
		return "[" + ex.keys[i].AsBigFloat().Text('f', 0) + "]"
	}
	return "[" + strconv.Quote(ex.keys[i].AsString()) + "]"
}

// combine builds the value a reference to the whole block sees.
func (ex expansion) combine(vals []cty.Value, addr string) cty.Value {
	switch {
	case ex.unknown:
		return cty.DynamicVal.Mark(refMark(addr))
	case ex.mode == "":
		return vals[0]
	case ex.mode == "count":
		if len(vals) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(vals)
	}
	m := map[string]cty.Value{}
	for i, k := range ex.keys {
		m[k.AsString()] = vals[i]
	}
	return cty.ObjectVal(m)
}

func (in *instance) resource(rc *resourceConfig, ctx *hcl.EvalContext) cty.Value {
	base := in.prefix() + rc.key()
	ex := in.expand(rc.count, rc.forEach, ctx, base)
	vals := make([]cty.Value, 0, ex.size())
	for i := 0; i < ex.size(); i++ {
		addr := base + ex.suffix(i)
		body := in.body(rc.body, ex.instanceContext(ctx, i), rc.typ, rc.rng, true)
		if rc.mode == "data" && rc.typ == "aws_iam_policy_document" {
			addPolicyDocumentJSON(body)
		}
		in.out.resources = append(in.out.resources, &Resource{
			Address: addr, Module: in.addr, Mode: rc.mode, Type: rc.typ, Name: rc.name,
			Range: toRange(rc.rng), Body: body, Format: FormatHCL, CountUnknown: ex.unknown,
		})
		vals = append(vals, in.objectValue(body, in.needed[rc.key()], addr, in.deployed(rc, body, addr)))
	}
	return ex.combine(vals, base)
}

// objectValue is what other expressions see of a resource instance: its
// configured attributes and nested blocks, and every other attribute they read
// as unknown; all of it marked with the instance's address.
// A nested block's attributes that are read and not configured (a
// computed principal_id in identity[0]) are unknown in the same way.
func (in *instance) objectValue(b *Block, needed needTree, addr string, known map[string]cty.Value) cty.Value {
	attrs := map[string]cty.Value{}
	for name, v := range known {
		attrs[name] = v
	}
	for name, a := range b.Attrs {
		attrs[name] = a.raw
		if a.Value.IsKnown() && a.Value.IsNull() {
			// Null in configuration is "not set": the provider may
			// compute it (ipv6_cidr_block = null on a VPC that gets one),
			// so other resources see it as unknown, never as null.
			attrs[name] = cty.DynamicVal.WithMarks(a.raw.Marks())
		}
	}
	byType := map[string][]cty.Value{}
	for _, nb := range b.Blocks {
		byType[nb.Type] = append(byType[nb.Type], in.objectValue(nb, needed[nb.Type], addr, nil))
	}
	for t, vs := range byType {
		if _, dup := attrs[t]; !dup {
			attrs[t] = cty.TupleVal(vs)
		}
	}
	for name := range needed {
		if _, ok := attrs[name]; !ok {
			attrs[name] = cty.DynamicVal
		}
	}
	// Instances are also reached without naming the resource (each.value.id
	// over for_each = aws_subnet.x), so the attributes nearly every resource
	// computes are always there.
	for _, name := range alwaysComputed {
		if _, ok := attrs[name]; !ok {
			attrs[name] = cty.DynamicVal
		}
	}
	return cty.ObjectVal(attrs).Mark(refMark(addr))
}

var alwaysComputed = []string{"id", "arn"}

var metaAttrs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

// body evaluates a resource body or nested block into a Block.
func (in *instance) body(b hcl.Body, ctx *hcl.EvalContext, typ string, rng hcl.Range, top bool) *Block {
	blk := &Block{Type: typ, Range: toRange(rng), Attrs: map[string]*Attr{}}
	sb, ok := b.(*hclsyntax.Body)
	if !ok {
		attrs, d := b.JustAttributes()
		in.out.diags = append(in.out.diags, convertDiags(d, source.SevWarning)...)
		for name, a := range attrs {
			blk.Attrs[name] = newAttr(name, in.eval(a.Expr, ctx), a.Range)
		}
		return blk
	}
	for name, a := range sb.Attributes {
		if top && metaAttrs[name] {
			continue
		}
		blk.Attrs[name] = newAttr(name, in.eval(a.Expr, ctx), a.SrcRange)
		blk.Attrs[name].Parts = parts(a.Expr, "", nil)
		blk.Attrs[name].Suffix = literalSuffix(a.Expr)
	}
	for _, nb := range sb.Blocks {
		switch {
		case top && metaBlocks[nb.Type]:
		case nb.Type == "dynamic":
			blk.Blocks = append(blk.Blocks, in.dynamic(nb, ctx)...)
		default:
			blk.Blocks = append(blk.Blocks, in.body(nb.Body, ctx, nb.Type, nb.Range(), false))
		}
	}
	return blk
}

// literalSuffix is the literal text at the end of a string template, after
// its last interpolation.
func literalSuffix(e hclsyntax.Expression) string {
	var t *hclsyntax.TemplateExpr
	switch x := e.(type) {
	case *boundedTemplate:
		t = x.TemplateExpr
	case *hclsyntax.TemplateExpr:
		t = x
	default:
		return ""
	}
	var tail []string
	for i := len(t.Parts) - 1; i >= 0; i-- {
		lit, ok := t.Parts[i].(*hclsyntax.LiteralValueExpr)
		if !ok || lit.Val.Type() != cty.String || !lit.Val.IsKnown() {
			break
		}
		tail = append([]string{lit.Val.AsString()}, tail...)
	}
	if len(tail) == len(t.Parts) {
		return "" // no interpolation: the value itself is known
	}
	return strings.Join(tail, "")
}

func newAttr(name string, v cty.Value, rng hcl.Range) *Attr {
	plain, marks := v.UnmarkDeep()
	a := &Attr{Name: name, Value: plain, raw: v, Range: toRange(rng)}
	for m := range marks {
		if r, ok := m.(refMark); ok {
			a.Refs = append(a.Refs, string(r))
		}
	}
	sort.Strings(a.Refs)
	return a
}

// dynamic expands a dynamic block into the blocks it generates.
func (in *instance) dynamic(db *hclsyntax.Block, ctx *hcl.EvalContext) []*Block {
	if len(db.Labels) != 1 {
		in.out.diags.Errorf(toRange(db.DefRange()), "Invalid dynamic block", "a dynamic block needs one label: the block type it generates")
		return nil
	}
	typ := db.Labels[0]
	iter := typ
	if a := db.Body.Attributes["iterator"]; a != nil {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iter = kw
		}
	}
	var content *hclsyntax.Block
	for _, b := range db.Body.Blocks {
		if b.Type == "content" {
			content = b
		}
	}
	fe := db.Body.Attributes["for_each"]
	if content == nil || fe == nil {
		in.out.diags.Errorf(toRange(db.DefRange()), "Invalid dynamic block", "a dynamic block needs for_each and a content block")
		return nil
	}
	v, _ := in.eval(fe.Expr, ctx).Unmark()
	child := func(k, val cty.Value) *hcl.EvalContext {
		c := ctx.NewChild()
		c.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": k, "value": val})}
		return c
	}
	if !v.IsKnown() {
		b := in.body(content.Body, child(cty.DynamicVal, cty.DynamicVal), typ, db.Range(), false)
		b.Unknown = true
		return []*Block{b}
	}
	if v.IsNull() || !v.CanIterateElements() {
		return nil
	}
	if v.LengthInt() > in.l.opts.MaxInstances {
		in.out.diags.Errorf(toRange(fe.SrcRange), "Too many instances", "dynamic %q has %d elements, more than the %d mlguard expands", typ, v.LengthInt(), in.l.opts.MaxInstances)
		b := in.body(content.Body, child(cty.DynamicVal, cty.DynamicVal), typ, db.Range(), false)
		b.Unknown = true
		return []*Block{b}
	}
	var out []*Block
	for it := v.ElementIterator(); it.Next(); {
		k, val := it.Element()
		if v.Type().IsSetType() {
			k = val
		}
		out = append(out, in.body(content.Body, child(k, val), typ, db.Range(), false))
	}
	return out
}

// module evaluates a module call: every instance of the called module.
func (in *instance) module(ctx context.Context, call *moduleCall, ectx *hcl.EvalContext) (cty.Value, error) {
	base := in.prefix() + "module." + call.name
	dir, ok := in.moduleDir(call)
	if !ok {
		return cty.DynamicVal, nil
	}
	for _, d := range in.chain {
		if d == dir {
			in.out.diags.Errorf(toRange(call.rng), "Module loop", "module %q calls %s, which is already on the call path %s", call.name, dir, strings.Join(in.chain, " -> "))
			return cty.DynamicVal, nil
		}
	}
	if len(in.chain) >= in.l.opts.MaxModuleDepth {
		in.out.diags.Errorf(toRange(call.rng), "Modules nested too deeply", "module %q is nested more than %d levels deep", call.name, in.l.opts.MaxModuleDepth)
		return cty.DynamicVal, nil
	}
	cfg, err := in.l.config(dir)
	if err != nil || len(cfg.files) == 0 {
		reason := "it holds no .tf files"
		if err != nil {
			reason = err.Error()
		}
		in.out.diags.Errorf(toRange(call.rng), "Module not found", "module %q: source %q resolves to %s, but %s", call.name, call.source, dir, reason)
		return cty.DynamicVal, nil
	}
	ex := in.expand(call.count, call.forEach, ectx, base)
	vals := make([]cty.Value, 0, ex.size())
	for i := 0; i < ex.size(); i++ {
		ictx := ex.instanceContext(ectx, i)
		inputs := map[string]cty.Value{}
		for name, a := range call.inputs {
			inputs[name] = in.eval(a.Expr, ictx)
		}
		key := call.name
		if in.key != "" {
			key = in.key + "." + call.name
		}
		child := &instance{l: in.l, cfg: cfg, root: in.root, addr: base + ex.suffix(i), key: key,
			inputs: inputs, chain: append(append([]string{}, in.chain...), dir), out: in.out}
		v, err := child.run(ctx)
		if err != nil {
			return cty.NilVal, err
		}
		vals = append(vals, v)
	}
	return ex.combine(vals, base), nil
}

// moduleDir finds the directory of a called module: a local path, or a remote
// module that `terraform init` already placed under .terraform/modules.
func (in *instance) moduleDir(call *moduleCall) (string, bool) {
	if call.isLocal() {
		dir := path.Clean(path.Join(in.cfg.dir, call.source))
		if !fs.ValidPath(dir) {
			in.out.diags.Errorf(toRange(call.rng), "Module outside the scanned tree", "module %q: source %q points outside the scan root; scan a directory that contains it", call.name, call.source)
			return "", false
		}
		return dir, true
	}
	key := call.name
	if in.key != "" {
		key = in.key + "." + call.name
	}
	if dir, ok := in.root.modules[key]; ok {
		return dir, true
	}
	in.out.diags.Warnf(toRange(call.rng), "Remote module not downloaded", "module %q (source %q) is not in .terraform/modules; run `terraform init` before scanning to include its resources", call.name, call.source)
	return "", false
}

// parts records the range of each key of object constructors written in an
// expression, by path ("a.b"), through nested objects and tuples (whose
// elements add no key).
func parts(e hclsyntax.Expression, path string, out map[string]source.Range) map[string]source.Range {
	switch t := e.(type) {
	case *hclsyntax.ObjectConsExpr:
		for _, item := range t.Items {
			key, ok := literalKey(item.KeyExpr)
			if !ok {
				continue
			}
			p := key
			if path != "" {
				p = path + "." + key
			}
			if out == nil {
				out = map[string]source.Range{}
			}
			out[p] = toRange(hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range()))
			out = parts(item.ValueExpr, p, out)
		}
	case *hclsyntax.TupleConsExpr:
		for i, el := range t.Exprs {
			p := strconv.Itoa(i)
			if path != "" {
				p = path + "." + p
			}
			if out == nil {
				out = map[string]source.Range{}
			}
			out[p] = toRange(el.Range())
			out = parts(el, p, out)
		}
	}
	return out
}

// literalKey is the name of an object key written as an identifier or a
// literal string.
func literalKey(e hclsyntax.Expression) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if name := hcl.ExprAsKeyword(k.Wrapped); name != "" {
			return name, true
		}
		e = k.Wrapped
	}
	v, diags := e.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return "", false
	}
	return v.AsString(), true
}

// computedAttribute reports an "Unsupported attribute" error on a value
// derived from a resource: the attribute is one the provider computes.
func computedAttribute(d *hcl.Diagnostic) bool {
	if d.Summary != "Unsupported attribute" || d.EvalContext == nil {
		return false
	}
	switch e := d.Expression.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		v, ok := longestPrefix(e.Traversal, len(e.Traversal)-1, func(p hcl.Traversal) (cty.Value, hcl.Diagnostics) {
			return p.TraverseAbs(d.EvalContext)
		})
		return ok && resourceMarked(v)
	case *hclsyntax.RelativeTraversalExpr:
		base, diags := e.Source.Value(d.EvalContext)
		if diags.HasErrors() {
			return false
		}
		if v, ok := longestPrefix(e.Traversal, len(e.Traversal)-1, func(p hcl.Traversal) (cty.Value, hcl.Diagnostics) {
			return p.TraverseRel(base)
		}); ok {
			return resourceMarked(v)
		}
		return resourceMarked(base) // the first step already fails: the source is what was read
	}
	return false
}

// resourceMarked reports whether a value is (part of) a resource's value.
func resourceMarked(v cty.Value) bool {
	for m := range v.Marks() {
		if _, ok := m.(refMark); ok {
			return true
		}
	}
	return false
}
