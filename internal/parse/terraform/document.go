// Package terraform loads Terraform configurations and plans into resource
// documents: every resource instance with its evaluated attributes, the source
// range of each, and the resources each attribute was derived from.
//
// HCL configurations are evaluated the way Terraform evaluates them (variables,
// tfvars, locals, functions, count, for_each, dynamic blocks, modules) with
// hashicorp/hcl and go-cty. Values that cannot be known before apply stay
// unknown. Plan JSON (terraform show -json) produces the same documents, so the
// adapters downstream do not care which of the two they read.
package terraform

import (
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/unknown"
)

// Format names recorded on documents.
const (
	FormatHCL   = "terraform"
	FormatPlan  = "terraform-plan"
	FormatState = "terraform-state" // deployed: terraform show -json of a state, or terraform.tfstate
)

// UnknownString stands in for an unknown value inside strings that are built
// from partly unknown values, such as a policy document rendered by jsonencode
// whose resource ARNs are computed. Readers of such strings treat it as unknown.
const UnknownString = unknown.Placeholder

// Resource is one resource (or data source) instance.
type Resource struct {
	Address string       // module.a["k"].aws_x.y[0]
	Module  string       // module.a["k"], empty for the root module
	Mode    string       // "managed" or "data"
	Type    string       // aws_x
	Name    string       // y
	Range   source.Range // the whole block
	Body    *Block
	Format  string // FormatHCL or FormatPlan
	// CountUnknown is set when count or for_each could not be known: the
	// resource stands for all of its instances, with the per-instance values unknown.
	CountUnknown bool
}

// Block is a resource body or a nested block.
type Block struct {
	Type    string
	Range   source.Range
	Attrs   map[string]*Attr
	Blocks  []*Block
	Unknown bool // a dynamic block whose for_each is unknown: its presence and content are unknown
}

// Attr is one evaluated attribute.
type Attr struct {
	Name  string
	Value cty.Value // never marked; may be wholly or partly unknown
	Refs  []string  // addresses of the resources the value was derived from
	Range source.Range
	// Parts are the ranges of the keys of an object written in place
	// (versioning_configuration = { status = "Suspended" }), by their path
	// of keys and list positions joined with dots ("rules.0.cidr_ip"), so
	// that a finding on a nested value points at its line. Empty when the
	// value is not written as an object.
	Parts map[string]source.Range
	// Suffix is the literal text a string template written in HCL ends
	// with ("/blobServices/default" of "${azurerm_storage_account.x.id}/blobServices/default"):
	// an unknown value keeps only its known start, and what a
	// reference is followed by can say which part of a resource it names.
	Suffix string
	raw    cty.Value // the value with its marks, for references from other resources
}

// RangeOf is the range of the part of the value at a path of object keys
// ("status", "a.b"), or of the whole attribute when that part was not
// written in place.
func (a *Attr) RangeOf(path string) source.Range {
	if r, ok := a.Parts[path]; ok {
		return r
	}
	return a.Range
}

// Attr returns the named attribute, or nil.
func (b *Block) Attr(name string) *Attr {
	if b == nil {
		return nil
	}
	return b.Attrs[name]
}

// Nested returns the nested blocks of a type. Attributes holding an object or
// a list of objects count as blocks too: that is how plan JSON, .tf.json and the
// "attributes as blocks" syntax (ingress = [{...}]) spell nested blocks.
func (b *Block) Nested(typ string) []*Block {
	if b == nil {
		return nil
	}
	var out []*Block
	for _, nb := range b.Blocks {
		if nb.Type == typ {
			out = append(out, nb)
		}
	}
	if a := b.Attrs[typ]; a != nil && len(out) == 0 {
		out = blocksFromValue(typ, a)
	}
	return out
}

// NestedUnknown reports whether the nested blocks of a type cannot be known:
// a dynamic block over an unknown collection, or an unknown attribute value.
func (b *Block) NestedUnknown(typ string) bool {
	if b == nil {
		return false
	}
	for _, nb := range b.Blocks {
		if nb.Type == typ && nb.Unknown {
			return true
		}
	}
	if a := b.Attrs[typ]; a != nil && !a.Value.IsKnown() {
		return true
	}
	return false
}

func blocksFromValue(typ string, a *Attr) []*Block {
	v := a.Value
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType() || ty.IsMapType():
		return []*Block{blockFromObject(typ, a, v)}
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		var out []*Block
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			if ev.IsNull() || !ev.IsKnown() || !(ev.Type().IsObjectType() || ev.Type().IsMapType()) {
				if !ev.IsKnown() {
					out = append(out, &Block{Type: typ, Range: a.Range, Unknown: true, Attrs: map[string]*Attr{}})
				}
				continue
			}
			out = append(out, blockFromObject(typ, a, ev))
		}
		return out
	}
	return nil
}

func blockFromObject(typ string, a *Attr, v cty.Value) *Block {
	b := &Block{Type: typ, Range: a.Range, Attrs: map[string]*Attr{}}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		name := k.AsString()
		b.Attrs[name] = &Attr{Name: name, Value: ev, Refs: a.Refs, Range: a.Range}
	}
	return b
}

// Sorted returns the names of the block's attributes in order.
func (b *Block) Sorted() []string {
	names := make([]string, 0, len(b.Attrs))
	for n := range b.Attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// SplitAddress returns the module path and the resource part of an address.
func SplitAddress(addr string) (module, rest string) {
	end := 0
	for strings.HasPrefix(addr[end:], "module.") {
		j := segmentEnd(addr, end+len("module."))
		if j < 0 {
			return addr, ""
		}
		end = j + 1
	}
	if end == 0 {
		return "", addr
	}
	return addr[:end-1], addr[end:]
}

// segmentEnd returns the index of the first dot at or after i that is outside
// brackets and quoted keys (for_each keys may contain dots), or -1.
func segmentEnd(s string, i int) int {
	depth, quoted := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			return i
		}
	}
	return -1
}
