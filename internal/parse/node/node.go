// Package node holds documents read from YAML or JSON (CloudFormation and ARM
// templates, Kubernetes manifests) as trees of Values that remember their
// source lines, and the bounded decoder that builds them.
//
// Evaluators of template languages mark values they cannot decide as Unknown
// and record in Refs the resources a value was derived from.
package node

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/unknown"
)

// Kind is the type of a Value.
type Kind int

// Value kinds. Unknown values are known to exist but not what they hold.
const (
	Null Kind = iota
	String
	Number
	Bool
	List
	Map
	Unknown
)

// Value is one node of a document.
type Value struct {
	Kind  Kind
	Str   string // String and Number; for Unknown strings, the text with unknown parts as unknown.Placeholder, or ""
	Bool  bool
	List  []*Value
	Keys  []string // Map keys in source order
	Map   map[string]*Value
	Range source.Range
	// Refs are the resources this value was computed from (a Ref or
	// Fn::GetAtt, a resourceId() or reference()), directly or inside a
	// string built from parts.
	Refs []string
}

// Get returns the value of a map key, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Map {
		return nil
	}
	return v.Map[key]
}

// Path returns the value at a path of map keys, or nil when a step is missing.
func (v *Value) Path(keys ...string) *Value {
	for _, k := range keys {
		v = v.Get(k)
	}
	return v
}

// Walk calls fn on v and every value inside it, depth first.
func (v *Value) Walk(fn func(*Value)) {
	if v == nil {
		return
	}
	fn(v)
	for _, e := range v.List {
		e.Walk(fn)
	}
	for _, k := range v.Keys {
		v.Map[k].Walk(fn)
	}
}

// Known reports whether the value and everything in it is known.
func (v *Value) Known() bool {
	if v == nil {
		return true
	}
	switch v.Kind {
	case Unknown:
		return false
	case List:
		for _, e := range v.List {
			if !e.Known() {
				return false
			}
		}
	case Map:
		for _, e := range v.Map {
			if !e.Known() {
				return false
			}
		}
	}
	return true
}

// AllRefs returns the links of the value and of everything in it, sorted.
func (v *Value) AllRefs() []string {
	seen := map[string]bool{}
	var walk func(*Value)
	walk = func(v *Value) {
		if v == nil {
			return
		}
		for _, r := range v.Refs {
			seen[r] = true
		}
		for _, e := range v.List {
			walk(e)
		}
		for _, e := range v.Map {
			walk(e)
		}
	}
	walk(v)
	out := make([]string, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Text returns a scalar as text: strings and numbers as written, booleans as
// true/false. ok is false for unknown values and collections.
func (v *Value) Text() (s string, ok bool) {
	if v == nil {
		return "", false
	}
	switch v.Kind {
	case String, Number:
		return v.Str, true
	case Bool:
		return strconv.FormatBool(v.Bool), true
	}
	return "", false
}

// JSON renders the value as JSON, with unknown parts written as unknown.Placeholder,
// the way policy documents built from computed ARNs are rendered for HCL.
func (v *Value) JSON() string {
	b, _ := json.Marshal(v.Plain())
	return string(b)
}

// Plain returns the value as plain Go values (string, json.Number, bool,
// []any, map[string]any), unknown parts as their text or unknown.Placeholder.
func (v *Value) Plain() any {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case String:
		return v.Str
	case Number:
		return json.Number(v.Str)
	case Bool:
		return v.Bool
	case List:
		out := make([]any, len(v.List))
		for i, e := range v.List {
			out[i] = e.Plain()
		}
		return out
	case Map:
		out := make(map[string]any, len(v.Map))
		for k, e := range v.Map {
			out[k] = e.Plain()
		}
		return out
	case Unknown:
		if v.Str != "" {
			return v.Str
		}
		return unknown.Placeholder
	}
	return nil
}

// NewUnknown is an unknown value at r derived from refs.
func NewUnknown(r source.Range, refs ...string) *Value {
	return &Value{Kind: Unknown, Range: r, Refs: refs}
}

// IsNumberText reports whether a JSON/YAML scalar is a number.
func IsNumberText(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "xXoO_") && s != "Inf" && s != "NaN"
}

// At returns v placed at r: a value taken from elsewhere (a parameter's
// default, a variable) points at the place that uses it.
func At(v *Value, r source.Range) *Value {
	if v.Range == r {
		return v
	}
	cp := *v
	cp.Range = r
	return &cp
}

// FromPlain builds a value from decoded JSON (string, float64, bool, []any,
// map[string]any, nil), every node at r. str, when set, builds the string
// leaves (to tell placeholders of unknown values); map keys are sorted, so
// the tree is the same on every run.
func FromPlain(x any, r source.Range, str func(string) *Value) *Value {
	switch x := x.(type) {
	case string:
		if str != nil {
			return str(x)
		}
		return &Value{Kind: String, Str: x, Range: r}
	case float64:
		return &Value{Kind: Number, Str: strconv.FormatFloat(x, 'f', -1, 64), Range: r}
	case bool:
		return &Value{Kind: Bool, Bool: x, Range: r}
	case []any:
		v := &Value{Kind: List, Range: r, List: make([]*Value, len(x))}
		for i, el := range x {
			v.List[i] = FromPlain(el, r, str)
		}
		return v
	case map[string]any:
		v := &Value{Kind: Map, Range: r, Map: make(map[string]*Value, len(x))}
		for k := range x {
			v.Keys = append(v.Keys, k)
		}
		sort.Strings(v.Keys)
		for _, k := range v.Keys {
			v.Map[k] = FromPlain(x[k], r, str)
		}
		return v
	}
	return &Value{Kind: Null, Range: r}
}
