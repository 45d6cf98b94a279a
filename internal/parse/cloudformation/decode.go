package cloudformation

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/source"
)

// Limits that keep hostile templates bounded: nesting depth, and the number
// of nodes after YAML aliases are expanded (an alias "bomb" of a few lines
// can otherwise stand for billions of nodes). The node budget grows with the
// file, since every node takes at least a few bytes to write, and aliases in
// real templates repeat small fragments.
const (
	MaxDepth = 256
	MaxNodes = 2_000_000
)

func nodeBudget(size int) int { return min(MaxNodes, 10_000+16*size) }

var errLimit = errors.New("limit exceeded")

// decoder turns a YAML (or JSON) node tree into raw Values. Short-form
// intrinsics (!Ref, !Sub, ...) become their long form ({"Ref": ...}).
type decoder struct {
	file  string
	nodes int
	limit int
	err   error // the first limit hit, with its place
	where source.Range
}

func (d *decoder) fail(n *yaml.Node, format string, args ...any) *Value {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
		d.where = source.Range{File: d.file, StartLine: n.Line, EndLine: n.Line}
	}
	return &Value{Kind: Null}
}

func (d *decoder) decode(n *yaml.Node, depth int) *Value {
	if d.err != nil {
		return &Value{Kind: Null}
	}
	d.nodes++
	if d.nodes > d.limit {
		return d.fail(n, "%w: the template expands to more than %d nodes (YAML aliases?)", errLimit, d.limit)
	}
	if depth > MaxDepth {
		return d.fail(n, "%w: nesting deeper than %d levels", errLimit, MaxDepth)
	}
	rng := source.Range{File: d.file, StartLine: n.Line, EndLine: n.Line}
	var v *Value
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &Value{Kind: Null, Range: rng}
		}
		return d.decode(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return &Value{Kind: Null, Range: rng}
		}
		v = d.decode(n.Alias, depth+1)
		cp := *v
		cp.Range = rng
		return &cp
	case yaml.ScalarNode:
		v = scalar(n, rng)
	case yaml.SequenceNode:
		v = &Value{Kind: List, Range: rng}
		for _, c := range n.Content {
			e := d.decode(c, depth+1)
			v.List = append(v.List, e)
			v.Range.EndLine = max(v.Range.EndLine, e.Range.EndLine)
		}
	case yaml.MappingNode:
		v = d.mapping(n, rng, depth)
	default:
		v = &Value{Kind: Null, Range: rng}
	}
	if fn := shortForm(n.Tag); fn != "" {
		return &Value{Kind: Map, Keys: []string{fn}, Map: map[string]*Value{fn: v}, Range: v.Range}
	}
	return v
}

func (d *decoder) mapping(n *yaml.Node, rng source.Range, depth int) *Value {
	v := &Value{Kind: Map, Range: rng, Map: map[string]*Value{}}
	written := map[string]int{} // key -> line, for keys written in this mapping
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, c := n.Content[i], n.Content[i+1]
		e := d.decode(c, depth+1)
		if k.Tag == "!!merge" {
			d.merge(v, e)
			continue
		}
		// A property's place is its key's line through the end of its value.
		e.Range.StartLine = k.Line
		e.Range.EndLine = max(e.Range.EndLine, k.Line)
		if line, dup := written[k.Value]; dup {
			// CloudFormation refuses such a template; reading on would
			// silently keep one of the two. (A key may override one
			// brought in by a merge key.)
			return d.fail(k, "duplicate key %q (first at line %d)", k.Value, line)
		}
		written[k.Value] = k.Line
		if _, merged := v.Map[k.Value]; !merged {
			v.Keys = append(v.Keys, k.Value)
		}
		v.Map[k.Value] = e
		v.Range.EndLine = max(v.Range.EndLine, e.Range.EndLine)
	}
	return v
}

// merge applies a YAML merge key (<<: *anchor): keys already present win.
func (d *decoder) merge(into, from *Value) {
	srcs := []*Value{from}
	if from.Kind == List {
		srcs = from.List
	}
	for _, s := range srcs {
		if s.Kind != Map {
			continue
		}
		for _, k := range s.Keys {
			if _, ok := into.Map[k]; !ok {
				into.Keys = append(into.Keys, k)
				into.Map[k] = s.Map[k]
			}
		}
	}
}

func scalar(n *yaml.Node, rng source.Range) *Value {
	switch n.ShortTag() {
	case "!!null":
		return &Value{Kind: Null, Range: rng}
	case "!!bool":
		return &Value{Kind: Bool, Bool: strings.EqualFold(n.Value, "true"), Range: rng}
	case "!!int", "!!float":
		if isNumberText(n.Value) {
			return &Value{Kind: Number, Str: n.Value, Range: rng}
		}
	}
	return &Value{Kind: String, Str: n.Value, Range: rng}
}

// shortForm maps a YAML short-form intrinsic tag to its long name.
func shortForm(tag string) string {
	if !strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "!!") {
		return ""
	}
	switch name := tag[1:]; name {
	case "Ref", "Condition":
		return name
	default:
		return "Fn::" + name
	}
}
