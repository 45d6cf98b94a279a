package terraform

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/mlguard/mlguard/internal/source"
)

// LoadPlan reads the JSON of `terraform show -json PLANFILE`. Values the plan
// marks as unknown (after_unknown) stay unknown, and keep the links that the
// plan's configuration section records for them.
func LoadPlan(name string, data []byte) ([]*Resource, source.Diagnostics) {
	var diags source.Diagnostics
	var plan tfjson.Plan
	if err := json.Unmarshal(data, &plan); err != nil {
		diags.Errorf(source.JSONErrorRange(name, data, err), "Invalid Terraform plan JSON", "%v", err)
		return nil, diags
	}
	if plan.PlannedValues == nil || plan.PlannedValues.RootModule == nil {
		diags.Errorf(source.Range{File: name}, "Invalid Terraform plan JSON", "the plan has no planned_values; produce it with `terraform show -json PLANFILE`")
		return nil, diags
	}
	p := &planReader{name: name, format: FormatPlan, lines: addressLines(data, `"planned_values"`), unknown: map[string]any{}, exprs: map[string]map[string]*tfjson.Expression{}}
	for _, rc := range plan.ResourceChanges {
		if rc.Change != nil {
			p.unknown[rc.Address] = rc.Change.AfterUnknown
		}
	}
	if plan.Config != nil {
		p.collectConfig(plan.Config.RootModule, "")
	}
	var out []*Resource
	p.walk(plan.PlannedValues.RootModule, &out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out, diags
}

type planReader struct {
	name    string
	format  string // FormatPlan or FormatState
	lines   map[string]int
	unknown map[string]any                           // address -> after_unknown
	exprs   map[string]map[string]*tfjson.Expression // config address (no instance keys) -> expressions
}

func (p *planReader) collectConfig(m *tfjson.ConfigModule, prefix string) {
	if m == nil {
		return
	}
	for _, r := range m.Resources {
		p.exprs[prefix+r.Address] = r.Expressions
	}
	for name, call := range m.ModuleCalls {
		p.collectConfig(call.Module, prefix+"module."+name+".")
	}
}

func (p *planReader) walk(m *tfjson.StateModule, out *[]*Resource) {
	if m == nil {
		return
	}
	for _, r := range m.Resources {
		*out = append(*out, p.resource(r, m.Address))
	}
	for _, c := range m.ChildModules {
		p.walk(c, out)
	}
}

func (p *planReader) resource(r *tfjson.StateResource, module string) *Resource {
	line := p.lines[r.Address]
	rng := source.Range{File: p.name, StartLine: line, EndLine: line}
	mode := "managed"
	if r.Mode == tfjson.DataResourceMode {
		mode = "data"
	}
	exprs := p.exprs[stripKeys(r.Address)]
	unk, _ := p.unknown[r.Address].(map[string]any)
	body := p.block(r.Type, r.AttributeValues, unk, exprs, rng, module)
	return &Resource{Address: r.Address, Module: module, Mode: mode, Type: r.Type, Name: r.Name, Range: rng, Body: body, Format: p.format}
}

func prefixOf(module string) string {
	if module == "" {
		return ""
	}
	return module + "."
}

// block converts planned values into a Block. Lists of objects become nested
// blocks so that references from the configuration can be attached to them.
func (p *planReader) block(typ string, vals map[string]any, unk map[string]any, exprs map[string]*tfjson.Expression, rng source.Range, module string) *Block {
	b := &Block{Type: typ, Range: rng, Attrs: map[string]*Attr{}}
	names := map[string]bool{}
	for k := range vals {
		names[k] = true
	}
	for k, u := range unk {
		if u == true {
			names[k] = true
		}
	}
	for _, name := range sortedKeys(names) {
		v, u, e := vals[name], unk[name], exprs[name]
		if objs, ok := objectList(v); ok {
			uList, _ := u.([]any)
			for i, o := range objs {
				var ue map[string]any
				if i < len(uList) {
					ue, _ = uList[i].(map[string]any)
				}
				var ne map[string]*tfjson.Expression
				if e != nil && i < len(e.NestedBlocks) {
					ne = e.NestedBlocks[i]
				}
				b.Blocks = append(b.Blocks, p.block(name, o, ue, ne, rng, module))
			}
			continue
		}
		val := goToCty(v, u)
		b.Attrs[name] = &Attr{Name: name, Value: val, raw: val, Range: rng, Refs: refsOf(e, module)}
	}
	return b
}

func objectList(v any) ([]map[string]any, bool) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, false
	}
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		out = append(out, m)
	}
	return out, true
}

// refsOf turns configuration references (aws_kms_key.k.arn) into resource
// addresses in the resource's module.
func refsOf(e *tfjson.Expression, module string) []string {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, ref := range e.References {
		addr := refAddress(ref)
		if addr == "" {
			continue
		}
		addr = prefixOf(module) + addr
		if !seen[addr] {
			seen[addr] = true
			out = append(out, addr)
		}
	}
	sort.Strings(out)
	// Keep the most specific form: aws_subnet.a[0] over aws_subnet.a.
	var specific []string
	for _, a := range out {
		if !hasIndexed(out, a) {
			specific = append(specific, a)
		}
	}
	return specific
}

func hasIndexed(all []string, base string) bool {
	for _, a := range all {
		if strings.HasPrefix(a, base+"[") {
			return true
		}
	}
	return false
}

func refAddress(ref string) string {
	first, _, _ := strings.Cut(ref, ".")
	switch first {
	case "var", "local", "count", "each", "path", "terraform", "self", "module":
		return ""
	}
	n := 2
	if first == "data" {
		n = 3
	}
	end := 0
	for i := 0; i < n; i++ {
		j := segmentEnd(ref, end)
		if j < 0 {
			if i == n-1 {
				return ref
			}
			return ""
		}
		if i == n-1 {
			return ref[:j]
		}
		end = j + 1
	}
	return ""
}

// stripKeys removes instance keys: module.a["x"].aws_b.c[0] -> module.a.aws_b.c.
func stripKeys(addr string) string {
	var sb strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case quoted && c == '\\':
			i++
			continue
		case c == '"' && depth > 0:
			quoted = !quoted
			continue
		case quoted:
			continue
		case c == '[':
			depth++
			continue
		case c == ']':
			depth--
			continue
		}
		if depth == 0 {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// goToCty converts a decoded JSON value, with its after_unknown counterpart.
func goToCty(v any, unk any) cty.Value {
	if unk == true {
		return cty.DynamicVal
	}
	switch v := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case string:
		return cty.StringVal(v)
	case bool:
		return cty.BoolVal(v)
	case float64:
		return cty.NumberFloatVal(v)
	case json.Number:
		n, err := cty.ParseNumberVal(string(v))
		if err != nil {
			return cty.DynamicVal
		}
		return n
	case []any:
		u, _ := unk.([]any)
		if len(v) == 0 {
			return cty.EmptyTupleVal
		}
		elems := make([]cty.Value, len(v))
		for i, e := range v {
			var ue any
			if i < len(u) {
				ue = u[i]
			}
			elems[i] = goToCty(e, ue)
		}
		return cty.TupleVal(elems)
	case map[string]any:
		u, _ := unk.(map[string]any)
		attrs := make(map[string]cty.Value, len(v))
		for k, e := range v {
			attrs[k] = goToCty(e, u[k])
		}
		// A value unknown until apply is left out of "after" and marked in
		// after_unknown only; it exists, so it must not read as absent.
		for k, uk := range u {
			if _, ok := v[k]; !ok && uk == true {
				attrs[k] = cty.DynamicVal
			}
		}
		return cty.ObjectVal(attrs)
	}
	return cty.DynamicVal
}

var addressPattern = regexp.MustCompile(`"address"\s*:\s*("(?:[^"\\]|\\.)*")`)

// addressLines finds the line of each resource after the key marker
// (planned_values in a plan, values in a state), so that a finding points
// at the resource's entry in the file.
func addressLines(data []byte, marker string) map[string]int {
	lines := map[string]int{}
	start := bytes.Index(data, []byte(marker))
	if start < 0 {
		return lines
	}
	line := source.LineOf(data, start)
	last := start
	for _, m := range addressPattern.FindAllSubmatchIndex(data[start:], -1) {
		var addr string
		if json.Unmarshal(data[start+m[2]:start+m[3]], &addr) != nil {
			continue
		}
		pos := start + m[0]
		line += bytes.Count(data[last:pos], []byte{'\n'})
		last = pos
		if _, ok := lines[addr]; !ok {
			lines[addr] = line
		}
	}
	return lines
}
