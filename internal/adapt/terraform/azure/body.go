package azure

import (
	"encoding/json"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// bodyNode converts an azapi body (an HCL object, or a JSON string from
// jsonencode in azapi 1.x) into the value tree the ARM adapter reads. Every
// value sits at the body attribute's lines and links to what the attribute
// was computed from; unknown parts stay unknown.
func bodyNode(a *terraform.Attr) *node.Value {
	v := a.Value
	if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
		var x any
		if err := json.Unmarshal([]byte(v.AsString()), &x); err != nil {
			return node.NewUnknown(a.Range, a.Refs...)
		}
		return node.FromPlain(x, a.Range, func(s string) *node.Value { return str(s, a) })
	}
	return fromCty(v, a, 0)
}

func fromCty(v cty.Value, a *terraform.Attr, depth int) *node.Value {
	switch {
	case depth > node.MaxDepth || !v.IsKnown():
		return node.NewUnknown(a.Range, a.Refs...)
	case v.IsNull():
		return &node.Value{Kind: node.Null, Range: a.Range}
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return str(v.AsString(), a)
	case ty == cty.Number:
		return &node.Value{Kind: node.Number, Str: v.AsBigFloat().Text('f', -1), Range: a.Range}
	case ty == cty.Bool:
		return &node.Value{Kind: node.Bool, Bool: v.True(), Range: a.Range}
	case ty.IsObjectType() || ty.IsMapType():
		out := &node.Value{Kind: node.Map, Range: a.Range, Map: map[string]*node.Value{}}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out.Keys = append(out.Keys, k.AsString())
			out.Map[k.AsString()] = fromCty(e, a, depth+1)
		}
		return out
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := &node.Value{Kind: node.List, Range: a.Range}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out.List = append(out.List, fromCty(e, a, depth+1))
		}
		return out
	}
	return node.NewUnknown(a.Range, a.Refs...)
}

// str is a string of the body; one built from unknown values (a jsonencode
// of a computed ID) is unknown, linked to the resources it came from.
func str(s string, a *terraform.Attr) *node.Value {
	if strings.Contains(s, terraform.UnknownString) {
		return &node.Value{Kind: node.Unknown, Str: s, Range: a.Range, Refs: a.Refs}
	}
	return &node.Value{Kind: node.String, Str: s, Range: a.Range}
}
