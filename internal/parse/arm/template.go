// Package arm reads Azure Resource Manager (ARM) JSON templates into
// resource documents: each resource with its evaluated body, the source lines
// of every value, and the resources each value was derived from.
//
// Template expressions ("[...]") are evaluated where the template alone
// decides their value: parameters with defaults (or given values), variables,
// concat, format, if, equals, resourceId and most string, logical, array and
// object functions. What only a deployment knows (reference(), list*(),
// resourceGroup(), uniqueString(), copyIndex(), ...) is unknown; a
// resourceId(), reference() or list*() of a resource is a link to it. Child
// resources, languageVersion 2.0 symbolic resources and nested deployments
// with inline templates are read too; // and /* */ comments are allowed.
package arm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

// Format is the format name recorded on documents.
const Format = "arm"

// MaxDeploymentDepth bounds nested deployments inside nested deployments.
const MaxDeploymentDepth = 8

// maxSteps bounds the function calls one template may evaluate, so that
// hostile variables that build on each other end.
const maxSteps = 1_000_000

// Resource is one resource of a template, with its body evaluated.
type Resource struct {
	// Address names the resource the way Azure IDs do, with the type's
	// segments and the name's parts interleaved:
	// Microsoft.MachineLearningServices/workspaces/ws/computes/ci. A name
	// part that cannot be known stands as its expression.
	Address string
	Type    string // Microsoft.MachineLearningServices/workspaces/computes
	Range   source.Range
	// Body is the evaluated resource object (properties, kind, identity,
	// sku, ...), a Map.
	Body *node.Value
	// ConditionUnknown is set when the resource is deployed under a
	// condition or a copy count that the template alone cannot decide.
	ConditionUnknown bool
}

// Get returns the value at a path of property names below the resource
// body, or nil. ARM property names are case-insensitive, and templates spell
// them either way (publicNetworkAccess, PublicNetworkAccess).
func (r *Resource) Get(path ...string) *node.Value { return Lookup(r.Body, path...) }

// Lookup returns the value at a path of map keys, matched without regard to
// case, or nil when a step is missing. A step through an unknown value
// (properties built by union() of what only a deployment knows, a Bicep
// spread of a condition) is unknown, not missing: what it holds may set
// the property.
func Lookup(v *node.Value, path ...string) *node.Value {
	for _, k := range path {
		if v != nil && v.Kind == node.Unknown {
			return node.NewUnknown(v.Range, v.Refs...)
		}
		if v == nil || v.Kind != node.Map {
			return nil
		}
		next, ok := v.Map[k]
		if !ok {
			for _, key := range v.Keys {
				if strings.EqualFold(key, k) {
					next, ok = v.Map[key], true
					break
				}
			}
		}
		if !ok {
			return nil
		}
		v = next
	}
	return v
}

// Template is a parsed template.
type Template struct {
	File      string
	Resources []*Resource
	// Format names the language the resources were written in, when it is
	// not an ARM template (bicep).
	Format string
}

// Options are the inputs of a deployment: parameter values that override
// the template's defaults (a parameters file beside the template,
// --arm-param KEY=VALUE). A value is read as JSON when it parses as JSON
// (true, 3, "text", {"a": 1}), else as a string.
type Options struct {
	Params map[string]string
	// Unknown names parameters whose values only the deployment knows (a
	// parameters file's Key Vault references): their defaults do not apply.
	Unknown map[string]bool
}

// ParametersFile reads a deployment parameters file
// ({"parameters": {"name": {"value": ...}}}) into Options: values in the
// form of Params, and the parameters that reference Key Vault secrets as
// Unknown, since only the deployment reads them.
func ParametersFile(data []byte) (Options, error) {
	var f struct {
		Parameters map[string]struct {
			Value     json.RawMessage `json:"value"`
			Reference json.RawMessage `json:"reference"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(clean(data), &f); err != nil {
		return Options{}, fmt.Errorf("parameters file: %w", err)
	}
	out := Options{Params: map[string]string{}, Unknown: map[string]bool{}}
	for name, p := range f.Parameters {
		switch {
		case len(p.Value) > 0:
			out.Params[name] = string(p.Value)
		case len(p.Reference) > 0:
			out.Unknown[name] = true
		}
	}
	return out, nil
}

// Parse reads and evaluates a template. It returns what it could read along
// with diagnostics; a document that is not a JSON object at all gives no
// resources and an error diagnostic.
func Parse(ctx context.Context, name string, data []byte, opts Options) (*Template, source.Diagnostics) {
	var diags source.Diagnostics
	t := &Template{File: name}
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(clean(data))).Decode(&root); err != nil {
		diags.Errorf(node.ErrRange(name, err), "Invalid ARM template", "%v", err)
		return t, diags
	}
	d := &node.Decoder{File: name, Limit: node.Budget(len(data))}
	raw := d.Decode(&root)
	if err, where := d.Err(); err != nil {
		diags.Errorf(where, "Invalid ARM template", "%v", err)
		return t, diags
	}
	if raw.Kind != node.Map {
		diags.Errorf(source.Range{File: name, StartLine: 1, EndLine: 1}, "Invalid ARM template", "the document is not a JSON object")
		return t, diags
	}
	if res := Lookup(raw, "resources"); res == nil || res.Kind != node.List && res.Kind != node.Map {
		diags.Errorf(source.Range{File: name, StartLine: 1, EndLine: 1}, "Invalid ARM template", "the template has no resources array")
		return t, diags
	}
	e := newEvaluator(name, &diags, &steps{})
	e.declare(raw, given(opts, name))
	e.template(ctx, raw, 0, t)
	return t, diags
}

// given turns the deployment's parameter values into values; a given value
// wins over one only the deployment knows.
func given(opts Options, file string) map[string]*node.Value {
	out := map[string]*node.Value{}
	at := source.Range{File: file}
	for k := range opts.Unknown {
		out[strings.ToLower(k)] = node.NewUnknown(at)
	}
	for k, v := range opts.Params {
		out[strings.ToLower(k)] = fromText(v, at)
	}
	return out
}

// raw is a resource as declared, before its body is evaluated.
type rawResource struct {
	decl             *node.Value
	typ, name, addr  string
	conditionUnknown bool
}

// template reads the resources of a template (or of a nested deployment's
// inline template evaluated in this evaluator's scope) into t.
func (e *evaluator) template(ctx context.Context, raw *node.Value, depth int, t *Template) {
	var rs []*rawResource
	res := Lookup(raw, "resources")
	if res.Kind == node.Map { // languageVersion 2.0: symbolic names
		for _, sym := range res.Keys {
			decl := res.Map[sym]
			if ex := Lookup(decl, "existing"); ex != nil && ex.Kind == node.Bool && ex.Bool {
				// Declared elsewhere: read, not deployed, here; references
				// to its symbol still link to it.
				typ, _ := e.eval(Lookup(decl, "type")).Text()
				e.symbols[strings.ToLower(sym)] = address(typ, e.nameOf(decl))
				continue
			}
			rs = e.collect(rs, decl, nil, sym)
		}
	} else {
		for _, decl := range res.List {
			rs = e.collect(rs, decl, nil, "")
		}
	}
	for _, r := range rs {
		e.byName[strings.ToLower(r.name)] = r.addr
	}
	for _, r := range rs {
		if ctx.Err() != nil {
			e.diags.Errorf(source.Range{File: e.file}, "Scan cancelled", "%v", ctx.Err())
			return
		}
		if strings.EqualFold(r.typ, "Microsoft.Resources/deployments") {
			e.deployment(ctx, r, depth, t)
			continue
		}
		body := &node.Value{Kind: node.Map, Range: r.decl.Range, Map: map[string]*node.Value{}}
		for _, k := range r.decl.Keys {
			switch strings.ToLower(k) {
			case "resources", "copy", "condition", "dependson", "type", "name", "apiversion":
				continue
			}
			body.Keys = append(body.Keys, k)
			body.Map[k] = e.eval(r.decl.Map[k])
		}
		t.Resources = append(t.Resources, &Resource{
			Address: r.addr, Type: r.typ, Range: r.decl.Range,
			Body: body, ConditionUnknown: r.conditionUnknown,
		})
	}
}

// collect adds a resource and its child resources to rs. Children take the
// parent's type and name as prefixes unless they are written in full.
func (e *evaluator) collect(rs []*rawResource, decl *node.Value, parent *rawResource, symbol string) []*rawResource {
	if decl == nil || decl.Kind != node.Map {
		e.diags.Errorf(rangeOr(decl, e.file), "Invalid ARM resource", "a resource is not a JSON object")
		return rs
	}
	typ, ok := e.eval(Lookup(decl, "type")).Text()
	if !ok || typ == "" {
		e.diags.Errorf(decl.Range, "Invalid ARM resource", "the resource has no type that the template alone decides")
		return rs
	}
	name := e.nameOf(decl)
	r := &rawResource{decl: decl, typ: typ, name: name}
	if parent != nil {
		r.conditionUnknown = parent.conditionUnknown
		if !strings.Contains(typ, "/") || !strings.Contains(strings.SplitN(typ, "/", 2)[0], ".") {
			r.typ = parent.typ + "/" + typ
			r.name = parent.name + "/" + name
		}
	}
	if !e.deployed(decl, r) {
		return rs
	}
	r.addr = address(r.typ, r.name)
	if symbol != "" {
		e.symbols[strings.ToLower(symbol)] = r.addr
	}
	rs = append(rs, r)
	if kids := Lookup(decl, "resources"); kids != nil && kids.Kind == node.List {
		for _, k := range kids.List {
			rs = e.collect(rs, k, r, "")
		}
	}
	return rs
}

// nameOf is a resource's evaluated name, or its known parts and
// expressions where only a deployment knows it.
func (e *evaluator) nameOf(decl *node.Value) string {
	if name, ok := e.eval(Lookup(decl, "name")).Text(); ok {
		return name
	}
	return e.exprText(Lookup(decl, "name"))
}

// deployed evaluates a resource's condition and copy count: false when the
// template decides it is not deployed; r.conditionUnknown when undecided.
func (e *evaluator) deployed(decl *node.Value, r *rawResource) bool {
	if c := Lookup(decl, "condition"); c != nil {
		switch v := e.eval(c); {
		case v.Kind == node.Bool && !v.Bool:
			return false
		case v.Kind != node.Bool:
			r.conditionUnknown = true
		}
	}
	if cp := Lookup(decl, "copy"); cp != nil {
		n := e.eval(Lookup(cp, "count"))
		if s, ok := n.Text(); ok && n.Kind == node.Number && (s == "0" || s == "0.0") {
			return false
		}
		// One copy stands for all of them; their names hang on copyIndex().
		r.conditionUnknown = true
	}
	return true
}

// address interleaves a type's segments after the namespace with a name's
// parts: (Microsoft.X/a/b, n/m) -> Microsoft.X/a/n/b/m.
func address(typ, name string) string {
	segs := strings.Split(typ, "/")
	if len(segs) < 2 {
		return typ + "/" + name
	}
	parts := splitName(name, len(segs)-1)
	var sb strings.Builder
	sb.WriteString(segs[0])
	for i, s := range segs[1:] {
		sb.WriteString("/" + s)
		if i < len(parts) {
			sb.WriteString("/" + parts[i])
		}
	}
	return sb.String()
}

// splitName splits a resource name into n parts at slashes outside
// expressions (a name part may be an expression that holds a '/').
func splitName(name string, n int) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '/':
			if depth == 0 && len(parts) < n-1 {
				parts = append(parts, name[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, name[start:])
}

// deployment reads a nested deployment's inline template. With the inner
// scope it has its own parameters (given in the deployment's properties),
// variables and functions; with the outer scope (the default) its
// expressions are this template's.
func (e *evaluator) deployment(ctx context.Context, r *rawResource, depth int, t *Template) {
	props := Lookup(r.decl, "properties")
	inner := Lookup(props, "template")
	if inner == nil || inner.Kind != node.Map {
		if Lookup(props, "templateLink") != nil {
			e.diags.Warnf(r.decl.Range, "Linked template not read",
				"%s deploys a template by link; mlguard reads only inline templates and files it is given", r.addr)
		}
		return
	}
	if depth >= MaxDeploymentDepth {
		e.diags.Errorf(r.decl.Range, "ARM template too deep", "nested deployments nest deeper than %d levels", MaxDeploymentDepth)
		return
	}
	if res := Lookup(inner, "resources"); res == nil || res.Kind != node.List && res.Kind != node.Map {
		return
	}
	sub := e
	if scope, _ := e.eval(Lookup(props, "expressionEvaluationOptions", "scope")).Text(); strings.EqualFold(scope, "inner") {
		params := map[string]*node.Value{}
		if ps := Lookup(props, "parameters"); ps != nil && ps.Kind == node.Map {
			for _, k := range ps.Keys {
				if v := Lookup(ps.Map[k], "value"); v != nil {
					params[strings.ToLower(k)] = e.eval(v)
				} else {
					params[strings.ToLower(k)] = node.NewUnknown(ps.Map[k].Range) // a Key Vault reference
				}
			}
		}
		sub = newEvaluator(e.file, e.diags, e.steps)
		sub.declare(inner, params)
	}
	inDeployment := len(t.Resources)
	sub.template(ctx, inner, depth+1, t)
	if r.conditionUnknown {
		for _, res := range t.Resources[inDeployment:] {
			res.ConditionUnknown = true
		}
	}
}

func rangeOr(v *node.Value, file string) source.Range {
	if v == nil {
		return source.Range{File: file}
	}
	return v.Range
}
