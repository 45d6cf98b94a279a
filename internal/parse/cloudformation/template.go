package cloudformation

import (
	"bytes"
	"context"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

// Resource is one resource of a template, with its properties evaluated.
type Resource struct {
	LogicalID  string
	Type       string // AWS::SageMaker::NotebookInstance
	Range      source.Range
	Properties *Value // a Map, or nil when the resource has none
	// ConditionUnknown is set when the resource is created under a condition
	// that cannot be decided from the template alone.
	ConditionUnknown bool
	// ConstructPath is the AWS CDK construct that synthesized the resource
	// (its aws:cdk:path metadata without the trailing /Resource), or "".
	ConstructPath string
	// AssetPath is the local file of a CDK asset the resource names
	// (aws:asset:path metadata: a nested stack's template), or "".
	AssetPath string
}

// Template is a parsed template.
type Template struct {
	File      string
	Resources []*Resource
}

// Options are the inputs of a deployment: parameter values that override the
// template's defaults (--cfn-param KEY=VALUE).
type Options struct {
	Params map[string]string
}

// Parse reads and evaluates a template. It returns what it could read along
// with diagnostics; a template that is not YAML/JSON at all gives no resources
// and an error diagnostic.
func Parse(ctx context.Context, name string, data []byte, opts Options) (*Template, source.Diagnostics) {
	var diags source.Diagnostics
	t := &Template{File: name}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		diags.Errorf(node.ErrRange(name, err), "Invalid CloudFormation template", "%v", err)
		return t, diags
	}
	d := &node.Decoder{File: name, Limit: node.Budget(len(data)), Tag: shortForm}
	raw := d.Decode(&root)
	if err, where := d.Err(); err != nil {
		diags.Errorf(where, "Invalid CloudFormation template", "%v", err)
		return t, diags
	}
	if raw.Kind != Map {
		diags.Errorf(source.Range{File: name, StartLine: 1, EndLine: 1}, "Invalid CloudFormation template", "the document is not a mapping")
		return t, diags
	}
	res := raw.Get("Resources")
	if res == nil || res.Kind != Map {
		diags.Errorf(source.Range{File: name, StartLine: 1, EndLine: 1}, "Invalid CloudFormation template", "the template has no Resources section")
		return t, diags
	}
	e := newEvaluator(name, raw, opts, &diags)
	for _, id := range res.Keys {
		if ctx.Err() != nil {
			diags.Errorf(source.Range{File: name}, "Scan cancelled", "%v", ctx.Err())
			break
		}
		if r := e.resource(id, res.Map[id]); r != nil {
			t.Resources = append(t.Resources, r)
		}
	}
	// A circular template is an error, as CloudFormation refuses it; its
	// resources are still checked, since each is as written.
	if c := cycle(dependencies(t, raw)); c != nil {
		diags.Errorf(res.Map[c[0]].Range, "Circular dependency between resources", "%s", chain(c))
	}
	return t, diags
}

// evaluator resolves intrinsic functions against one template.
type evaluator struct {
	file      string
	params    map[string]*Value
	mappings  *Value
	condRaw   map[string]*Value
	conds     map[string]*Value // evaluated conditions (Bool or Unknown)
	inCond    map[string]bool
	resources map[string]bool
	raw       map[string]*Value // the resources as written, for their names
	diags     *source.Diagnostics
	depth     int
	partition string            // AWS::Partition: aws unless --cfn-param AWS::Partition=... says otherwise
	pseudo    map[string]string // pseudo parameters given with --cfn-param (AWS::Region=eu-west-1)
}

func newEvaluator(name string, raw *Value, opts Options, diags *source.Diagnostics) *evaluator {
	e := &evaluator{
		file: name, params: map[string]*Value{}, mappings: raw.Get("Mappings"),
		condRaw: map[string]*Value{}, conds: map[string]*Value{}, inCond: map[string]bool{},
		resources: map[string]bool{}, raw: map[string]*Value{}, diags: diags, partition: "aws", pseudo: map[string]string{},
	}
	for k, v := range opts.Params {
		if strings.HasPrefix(k, "AWS::") {
			e.pseudo[k] = v
		}
	}
	if p := e.pseudo["AWS::Partition"]; p != "" {
		e.partition = p
	}
	if res := raw.Get("Resources"); res != nil {
		for _, id := range res.Keys {
			e.resources[id] = true
			e.raw[id] = res.Map[id]
		}
	}
	if cs := raw.Get("Conditions"); cs != nil && cs.Kind == Map {
		e.condRaw = cs.Map
	}
	if ps := raw.Get("Parameters"); ps != nil && ps.Kind == Map {
		for _, name := range ps.Keys {
			e.params[name] = paramValue(ps.Map[name], opts.Params, name)
		}
	}
	return e
}

// paramValue is a parameter's value: the one given on the command line, else
// its default, else unknown. SSM parameter types hold a parameter name, not
// the value, so they are always unknown.
func paramValue(decl *Value, given map[string]string, name string) *Value {
	rng := decl.Range
	typ, _ := decl.Get("Type").Text()
	if strings.HasPrefix(typ, "AWS::SSM::Parameter::Value") {
		return unknown(rng)
	}
	text, ok := given[name]
	if !ok {
		def := decl.Get("Default")
		if def == nil {
			return unknown(rng)
		}
		if text, ok = def.Text(); !ok {
			if def.Kind == List {
				return def
			}
			return unknown(rng)
		}
	}
	if typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<") {
		l := &Value{Kind: List, Range: rng}
		for _, s := range strings.Split(text, ",") {
			l.List = append(l.List, &Value{Kind: String, Str: strings.TrimSpace(s), Range: rng})
		}
		return l
	}
	if typ == "Number" && isNumberText(text) {
		return &Value{Kind: Number, Str: text, Range: rng}
	}
	return &Value{Kind: String, Str: text, Range: rng}
}

func (e *evaluator) warn(r source.Range, summary, format string, args ...any) {
	e.diags.Warnf(r, summary, format, args...)
}

func (e *evaluator) resource(id string, raw *Value) *Resource {
	if raw == nil || raw.Kind != Map {
		e.diags.Errorf(rangeOr(raw, e.file), "Invalid CloudFormation resource", "resource %s is not a mapping", id)
		return nil
	}
	typ, _ := raw.Get("Type").Text()
	if typ == "" {
		e.diags.Errorf(raw.Range, "Invalid CloudFormation resource", "resource %s has no Type", id)
		return nil
	}
	asset, _ := raw.Get("Metadata").Get("aws:asset:path").Text()
	r := &Resource{LogicalID: id, Type: typ, Range: raw.Range, ConstructPath: constructPath(raw), AssetPath: asset}
	if c := raw.Get("Condition"); c != nil {
		name, _ := c.Text()
		switch cv := e.condition(name, c.Range); {
		case cv.Kind == Bool && !cv.Bool:
			return nil // not created
		case cv.Kind != Bool:
			r.ConditionUnknown = true
		}
	}
	if p := raw.Get("Properties"); p != nil {
		r.Properties = e.eval(p)
		if r.Properties == noValue {
			r.Properties = nil
		}
	}
	return r
}

func rangeOr(v *Value, file string) source.Range {
	if v == nil {
		return source.Range{File: file}
	}
	return v.Range
}

// noValue is what Ref AWS::NoValue evaluates to: the property is removed.
var noValue = &Value{Kind: Null}

// condition evaluates a named condition once; a cycle is an error and unknown.
func (e *evaluator) condition(name string, at source.Range) *Value {
	if v, ok := e.conds[name]; ok {
		return v
	}
	raw, ok := e.condRaw[name]
	if !ok {
		e.diags.Errorf(at, "Unknown CloudFormation condition", "condition %q is not declared", name)
		return unknown(at)
	}
	if e.inCond[name] {
		e.diags.Errorf(raw.Range, "Circular CloudFormation condition", "condition %q refers to itself", name)
		return unknown(at)
	}
	e.inCond[name] = true
	v := e.eval(raw)
	delete(e.inCond, name)
	if v.Kind != Bool {
		v = unknown(at, v.AllRefs()...)
	}
	e.conds[name] = v
	return v
}

// eval evaluates a raw value: intrinsic functions are applied, AWS::NoValue
// removes the key or element that holds it.
func (e *evaluator) eval(v *Value) *Value {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > MaxDepth {
		e.diags.Errorf(v.Range, "CloudFormation template too deep", "intrinsic functions nest deeper than %d levels", MaxDepth)
		return unknown(v.Range)
	}
	switch v.Kind {
	case Map:
		if len(v.Keys) == 1 {
			if fn, ok := intrinsics[v.Keys[0]]; ok {
				return placed(fn(e, v.Map[v.Keys[0]], v.Range), v.Range)
			}
		}
		out := &Value{Kind: Map, Range: v.Range, Map: make(map[string]*Value, len(v.Keys))}
		for _, k := range v.Keys {
			ev := e.eval(v.Map[k])
			if ev == noValue {
				continue
			}
			out.Keys = append(out.Keys, k)
			out.Map[k] = ev
		}
		return out
	case List:
		out := &Value{Kind: List, Range: v.Range}
		for _, el := range v.List {
			if ev := e.eval(el); ev != noValue {
				out.List = append(out.List, ev)
			}
		}
		return out
	}
	return v
}

// placed puts a function's result at the place of the call, so that a value
// picked from a parameter or mapping points at the property that uses it.
func placed(v *Value, at source.Range) *Value {
	if v == noValue {
		return v
	}
	return node.At(v, at)
}

func (e *evaluator) badArgs(fn string, at source.Range) *Value {
	e.warn(at, "Invalid CloudFormation intrinsic", "%s: arguments of the wrong shape; the value is treated as unknown", fn)
	return unknown(at)
}

// constructPath reads the construct path the CDK writes into a resource's
// metadata: Stack/Bucket/Resource names the bucket construct Stack/Bucket.
func constructPath(raw *Value) string {
	p, _ := raw.Get("Metadata").Get("aws:cdk:path").Text()
	for _, suffix := range []string{"/Resource", "/Default"} {
		p = strings.TrimSuffix(p, suffix)
	}
	return p
}
