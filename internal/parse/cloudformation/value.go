// Package cloudformation reads AWS CloudFormation templates (YAML or JSON)
// into resource documents: each resource with its evaluated properties, the
// source lines of every value, and the resources each value was derived from.
//
// Intrinsic functions are evaluated where the template alone decides their
// value (Ref to a parameter with a default, Fn::Sub, Fn::Join, Fn::If on a
// known condition, Fn::FindInMap, ...). Everything else (resource attributes,
// imports, pseudo parameters such as AWS::AccountId) is unknown; a Ref or
// Fn::GetAtt to another resource of the template is a link.
package cloudformation

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/source"
)

// Format is the format name recorded on documents.
const Format = "cloudformation"

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

// Value is one evaluated node of a template.
type Value struct {
	Kind  Kind
	Str   string // String and Number; for Unknown strings, the text with unknown parts as iam.Unknown, or ""
	Bool  bool
	List  []*Value
	Keys  []string // Map keys in source order
	Map   map[string]*Value
	Range source.Range
	// Refs are the logical IDs of the resources this value was computed from
	// (a Ref or Fn::GetAtt to them, directly or inside a Sub or Join).
	Refs []string
}

// Get returns the value of a map key, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Map {
		return nil
	}
	return v.Map[key]
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

// JSON renders the value as JSON, with unknown parts written as iam.Unknown,
// the way policy documents built from computed ARNs are rendered for HCL.
func (v *Value) JSON() string {
	b, _ := json.Marshal(v.plain())
	return string(b)
}

func (v *Value) plain() any {
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
			out[i] = e.plain()
		}
		return out
	case Map:
		out := make(map[string]any, len(v.Map))
		for k, e := range v.Map {
			out[k] = e.plain()
		}
		return out
	case Unknown:
		if v.Str != "" {
			return v.Str
		}
		return iam.Unknown
	}
	return nil
}

// unknown is an unknown value at r derived from refs.
func unknown(r source.Range, refs ...string) *Value {
	return &Value{Kind: Unknown, Range: r, Refs: refs}
}

// isNumberText reports whether a JSON/YAML scalar is a number.
func isNumberText(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "xXoO_") && s != "Inf" && s != "NaN"
}
