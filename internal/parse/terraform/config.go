package terraform

import (
	"sync"

	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// moduleConfig is one directory of .tf files, parsed but not evaluated. A
// directory called several times is parsed once.
type moduleConfig struct {
	dir       string
	variables map[string]*variable
	locals    map[string]*hcl.Attribute
	outputs   map[string]*hcl.Attribute
	resources []*resourceConfig
	calls     []*moduleCall
	// providers are the version constraints of required_providers, by
	// local name (azurerm: "~> 3.0").
	providers map[string]string
	// awsRegion is the region of the default aws provider configuration,
	// when written as a literal.
	awsRegion string
	files     []string
	diags     hcl.Diagnostics

	refsOnce   sync.Once
	refsByNode map[string][]hcl.Traversal // see refs
}

type variable struct {
	name     string
	def      hcl.Expression // nil when there is no default
	typ      cty.Type
	defaults *typeexpr.Defaults
	typed    bool
	rng      hcl.Range
}

type resourceConfig struct {
	mode, typ, name string
	body            hcl.Body
	count, forEach  hcl.Expression
	rng             hcl.Range // the whole block
}

func (r *resourceConfig) key() string {
	if r.mode == "data" {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

type moduleCall struct {
	name           string
	source         string
	inputs         hcl.Attributes
	count, forEach hcl.Expression
	rng            hcl.Range
}

// isLocal reports whether the module source is a path in this tree.
func (c *moduleCall) isLocal() bool {
	return strings.HasPrefix(c.source, "./") || strings.HasPrefix(c.source, "../")
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"}, {Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}}, {Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}}, {Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}}, {Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "moved"}, {Type: "import"}, {Type: "removed"}, {Type: "check", LabelNames: []string{"name"}},
}}

var variableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}}}

var metaSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}, {Name: "provider"}, {Name: "depends_on"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "lifecycle"}, {Type: "provisioner", LabelNames: []string{"type"}}, {Type: "connection"}},
}

var moduleSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "source", Required: true}, {Name: "version"}, {Name: "count"}, {Name: "for_each"},
	{Name: "providers"}, {Name: "depends_on"},
}}

var outputSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}}}

// addFile merges one parsed file into the module.
func (m *moduleConfig) addFile(f *hcl.File) {
	content, _, diags := f.Body.PartialContent(fileSchema)
	m.diags = append(m.diags, diags...)
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			m.addVariable(b)
		case "locals":
			attrs, d := b.Body.JustAttributes()
			m.diags = append(m.diags, d...)
			for n, a := range attrs {
				m.locals[n] = a
			}
		case "output":
			c, _, d := b.Body.PartialContent(outputSchema)
			m.diags = append(m.diags, d...)
			if a := c.Attributes["value"]; a != nil {
				m.outputs[b.Labels[0]] = a
			}
		case "module":
			m.addCall(b)
		case "terraform":
			m.addRequiredProviders(b)
		case "provider":
			m.addProvider(b)
		case "resource", "data":
			mode := "managed"
			if b.Type == "data" {
				mode = "data"
			}
			m.addResource(mode, b)
		}
	}
}

var terraformSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "required_providers"}}}

// addRequiredProviders records the version constraint of each required
// provider written as a literal ({ source = ..., version = "~> 3.0" }, or
// the old bare string), so adapters can apply the defaults of that version.
func (m *moduleConfig) addRequiredProviders(b *hcl.Block) {
	c, _, _ := b.Body.PartialContent(terraformSchema)
	for _, rp := range c.Blocks {
		attrs, _ := rp.Body.JustAttributes()
		for name, a := range attrs {
			v, diags := literalBudget().literal(a.Expr)
			if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
				continue
			}
			if m.providers == nil {
				m.providers = map[string]string{}
			}
			switch ty := v.Type(); {
			case ty == cty.String:
				m.providers[name] = v.AsString()
			case ty.IsObjectType() && ty.HasAttribute("version"):
				if ver := v.GetAttr("version"); ver.Type() == cty.String && !ver.IsNull() {
					m.providers[name] = ver.AsString()
				}
			}
		}
	}
}

// addProvider records the region of the default (unaliased) aws
// provider configuration when it is a literal.
func (m *moduleConfig) addProvider(b *hcl.Block) {
	if len(b.Labels) != 1 || b.Labels[0] != "aws" {
		return
	}
	attrs, _ := b.Body.JustAttributes()
	if attrs["alias"] != nil || attrs["region"] == nil {
		return
	}
	if v, diags := literalBudget().literal(attrs["region"].Expr); !diags.HasErrors() && v.IsWhollyKnown() && v.Type() == cty.String {
		m.awsRegion = v.AsString()
	}
}

func (m *moduleConfig) addVariable(b *hcl.Block) {
	c, _, d := b.Body.PartialContent(variableSchema)
	m.diags = append(m.diags, d...)
	v := &variable{name: b.Labels[0], typ: cty.DynamicPseudoType, rng: b.DefRange}
	if a := c.Attributes["default"]; a != nil {
		v.def = a.Expr
	}
	if a := c.Attributes["type"]; a != nil {
		if ty, ok := legacyType(a); ok {
			m.diags = append(m.diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Quoted type constraint",
				Detail:  "type = \"...\" is the Terraform 0.11 form, read as Terraform 0.12 did; Terraform 0.15 and later refuse it: write the type unquoted",
				Subject: a.Expr.Range().Ptr()})
			v.typ, v.typed = ty, true
			m.variables[v.name] = v
			return
		}
		ty, defs, d := typeexpr.TypeConstraintWithDefaults(a.Expr)
		m.diags = append(m.diags, d...)
		if !d.HasErrors() {
			v.typ, v.defaults, v.typed = ty, defs, true
		}
	}
	m.variables[v.name] = v
}

func (m *moduleConfig) addCall(b *hcl.Block) {
	c, rest, d := b.Body.PartialContent(moduleSchema)
	m.diags = append(m.diags, d...)
	call := &moduleCall{name: b.Labels[0], rng: blockRange(b)}
	if a := c.Attributes["source"]; a != nil {
		v, d := literalBudget().literal(a.Expr)
		if d.HasErrors() || v.Type() != cty.String || v.IsNull() {
			m.diags = append(m.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid module source",
				Detail: "the source of a module must be a literal string", Subject: a.Expr.Range().Ptr()})
			return
		}
		call.source = v.AsString()
	}
	if a := c.Attributes["count"]; a != nil {
		call.count = a.Expr
	}
	if a := c.Attributes["for_each"]; a != nil {
		call.forEach = a.Expr
	}
	inputs, d := rest.JustAttributes()
	m.diags = append(m.diags, d...)
	call.inputs = inputs
	m.calls = append(m.calls, call)
}

func (m *moduleConfig) addResource(mode string, b *hcl.Block) {
	c, rest, d := b.Body.PartialContent(metaSchema)
	m.diags = append(m.diags, d...)
	r := &resourceConfig{mode: mode, typ: b.Labels[0], name: b.Labels[1], body: rest, rng: blockRange(b)}
	if a := c.Attributes["count"]; a != nil {
		r.count = a.Expr
	}
	if a := c.Attributes["for_each"]; a != nil {
		r.forEach = a.Expr
	}
	m.resources = append(m.resources, r)
}

// blockRange is the whole block, header to closing brace.
func blockRange(b *hcl.Block) hcl.Range {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		return hcl.RangeBetween(b.DefRange, sb.SrcRange)
	}
	return b.DefRange
}

// localSources returns the directories this module calls by local path.
func (m *moduleConfig) localSources() []string {
	var out []string
	for _, c := range m.calls {
		if c.isLocal() {
			out = append(out, path.Clean(path.Join(m.dir, c.source)))
		}
	}
	sort.Strings(out)
	return out
}

// legacyType reads a quoted type constraint of Terraform 0.11 ("string",
// "list", "map"), which Terraform 0.12 still accepted with a warning, as it
// read them: lists and maps of strings.
func legacyType(a *hcl.Attribute) (cty.Type, bool) {
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
		return cty.NilType, false
	}
	switch v.AsString() {
	case "string":
		return cty.String, true
	case "list":
		return cty.List(cty.String), true
	case "map":
		return cty.Map(cty.String), true
	}
	return cty.NilType, false
}
