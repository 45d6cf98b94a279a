// Package tfattr reads Terraform resource documents (from HCL or plan JSON)
// into model values for the cloud adapters: attributes with their provider
// default when absent, references with their links, nested blocks, and the
// provenance of each.
package tfattr

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/unknown"
)

// MetaOf is the provenance of attribute a of block b; a nil a means the
// attribute was not written, so its value is a default (unknown if the whole
// block is of unknown content).
func MetaOf(b *terraform.Block, a *terraform.Attr) model.Meta {
	if a == nil || (a.Value.IsKnown() && a.Value.IsNull()) {
		return model.Meta{Range: b.Range, Unknown: b.Unknown}
	}
	return model.Meta{Range: a.Range, Explicit: true, Unknown: !a.Value.IsWhollyKnown()}
}

// Str reads a string attribute; def is the provider default when absent.
func Str(b *terraform.Block, name, def string) model.String {
	a := b.Attr(name)
	m := MetaOf(b, a)
	if !m.Explicit {
		return model.String{Meta: m, Value: def}
	}
	if m.Unknown {
		return model.String{Meta: m}
	}
	v, err := convert.Convert(a.Value, cty.String)
	if err != nil {
		m.Unknown = true
		return model.String{Meta: m}
	}
	return model.String{Meta: m, Value: v.AsString()}
}

// Bool reads a bool attribute; def is the provider default when absent.
func Bool(b *terraform.Block, name string, def bool) model.Bool {
	a := b.Attr(name)
	m := MetaOf(b, a)
	if !m.Explicit {
		return model.Bool{Meta: m, Value: def}
	}
	if m.Unknown {
		return model.Bool{Meta: m}
	}
	v, err := convert.Convert(a.Value, cty.Bool)
	if err != nil {
		m.Unknown = true
		return model.Bool{Meta: m}
	}
	return model.Bool{Meta: m, Value: v.True()}
}

// Int reads a number attribute; def is the provider default when absent.
func Int(b *terraform.Block, name string, def int64) model.Int {
	a := b.Attr(name)
	m := MetaOf(b, a)
	if !m.Explicit {
		return model.Int{Meta: m, Value: def}
	}
	if m.Unknown {
		return model.Int{Meta: m}
	}
	v, err := convert.Convert(a.Value, cty.Number)
	if err != nil {
		m.Unknown = true
		return model.Int{Meta: m}
	}
	n, _ := v.AsBigFloat().Int64()
	return model.Int{Meta: m, Value: n}
}

// Ref reads an attribute that names another resource.
func Ref(b *terraform.Block, name string) model.Ref {
	a := b.Attr(name)
	r := model.Ref{Meta: MetaOf(b, a)}
	if !r.Explicit {
		return r
	}
	r.Targets = a.Refs
	switch {
	case a.Value.IsKnown():
		if v, err := convert.Convert(a.Value, cty.String); err == nil {
			r.Value = v.AsString()
		}
	case a.Suffix != "":
		r.Value = unknown.Placeholder + a.Suffix // which part of the target it names
	}
	return r
}

// Refs reads a list or set attribute of references. Unknown elements stay in
// the list as unknown references, so the list is never taken for empty.
func Refs(b *terraform.Block, name string) model.Refs {
	a := b.Attr(name)
	r := model.Refs{Meta: MetaOf(b, a)}
	if !r.Explicit {
		return r
	}
	if !a.Value.IsKnown() || !a.Value.CanIterateElements() {
		// A wholly unknown list still links to what it was computed from.
		for _, t := range a.Refs {
			r.Items = append(r.Items, model.Ref{Meta: model.Meta{Range: a.Range, Explicit: true, Unknown: true}, Targets: []string{t}})
		}
		return r
	}
	for it := a.Value.ElementIterator(); it.Next(); {
		_, e := it.Element()
		item := model.Ref{Meta: model.Meta{Range: a.Range, Explicit: true, Unknown: !e.IsKnown()}}
		if e.IsKnown() && !e.IsNull() {
			if v, err := convert.Convert(e, cty.String); err == nil {
				item.Value = v.AsString()
			}
		}
		r.Items = append(r.Items, item)
	}
	// Links cannot be told apart per element once evaluated; they are kept on
	// the list's first unknown items, or added when every element is known.
	for _, t := range a.Refs {
		placed := false
		for i := range r.Items {
			if r.Items[i].Unknown && len(r.Items[i].Targets) == 0 {
				r.Items[i].Targets = []string{t}
				placed = true
				break
			}
		}
		if !placed {
			r.Items = append(r.Items, model.Ref{Meta: model.Meta{Range: a.Range, Explicit: true}, Targets: []string{t}})
		}
	}
	return r
}

// StringMap reads a map of strings (environment variables, tags).
func StringMap(b *terraform.Block, name string) model.StringMap {
	a := b.Attr(name)
	sm := model.StringMap{Meta: MetaOf(b, a), Values: map[string]model.String{}}
	if !sm.Explicit || !a.Value.IsKnown() || !a.Value.CanIterateElements() {
		return sm
	}
	for it := a.Value.ElementIterator(); it.Next(); {
		k, e := it.Element()
		s := model.String{Meta: model.Meta{Range: a.Range, Explicit: true, Unknown: !e.IsKnown()}}
		if e.IsKnown() && !e.IsNull() {
			if v, err := convert.Convert(e, cty.String); err == nil {
				s.Value = v.AsString()
			}
		}
		sm.Values[k.AsString()] = s
	}
	return sm
}

// First returns the first nested block of a type, and whether the presence of
// such blocks is unknown.
func First(b *terraform.Block, typ string) (*terraform.Block, bool) {
	if nb := b.Nested(typ); len(nb) > 0 {
		return nb[0], nb[0].Unknown
	}
	return nil, b.NestedUnknown(typ)
}

// BlockMeta is the provenance of a written nested block.
func BlockMeta(b *terraform.Block) model.Meta {
	return model.Meta{Range: b.Range, Explicit: true, Unknown: b.Unknown}
}

// Within returns the block at a path of nested block types, and whether it is
// written. When a block on the path is missing it returns an empty stand-in
// at the innermost block found, unknown if the missing block may exist: reads
// of a stand-in take the defaults.
func Within(b *terraform.Block, path ...string) (*terraform.Block, bool) {
	for _, typ := range path {
		nb, unknown := First(b, typ)
		if nb == nil {
			return &terraform.Block{Range: b.Range, Unknown: b.Unknown || unknown}, false
		}
		b = nb
	}
	return b, true
}
