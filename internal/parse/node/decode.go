package node

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/source"
)

// Limits that keep hostile documents bounded: nesting depth, and the number
// of nodes after YAML aliases are expanded (an alias "bomb" of a few lines
// can otherwise stand for billions of nodes). The node budget grows with the
// file, since every node takes at least a few bytes to write, and aliases in
// real documents repeat small fragments.
const (
	MaxDepth = 256
	MaxNodes = 2_000_000
)

// Budget is the node budget of a file of size bytes.
func Budget(size int) int { return min(MaxNodes, 10_000+16*size) }

// ErrLimit is wrapped by the errors of a document over a limit.
var ErrLimit = errors.New("limit exceeded")

// Decoder turns YAML (or JSON) node trees into Values. One decoder reads all
// documents of a file, so that the node budget covers the whole file.
type Decoder struct {
	File string
	// Limit is the number of nodes the file may expand to (see Budget).
	Limit int
	// Tag, when set, names a wrapping function for a local YAML tag:
	// CloudFormation's !Ref becomes {"Ref": ...}. An empty name keeps the
	// value as it is.
	Tag func(tag string) string

	nodes int
	err   error
	where source.Range
}

// Err returns the first limit or duplicate-key error and where it was hit.
func (d *Decoder) Err() (error, source.Range) { return d.err, d.where }

func (d *Decoder) fail(n *yaml.Node, format string, args ...any) *Value {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
		d.where = source.Range{File: d.File, StartLine: n.Line, EndLine: n.Line}
	}
	return &Value{Kind: Null}
}

// Decode converts one YAML node tree. After an error (see Err) it returns
// null values.
func (d *Decoder) Decode(n *yaml.Node) *Value { return d.decode(n, 0) }

func (d *Decoder) decode(n *yaml.Node, depth int) *Value {
	if d.err != nil {
		return &Value{Kind: Null}
	}
	d.nodes++
	if d.nodes > d.Limit {
		return d.fail(n, "%w: the document expands to more than %d nodes (YAML aliases?)", ErrLimit, d.Limit)
	}
	if depth > MaxDepth {
		return d.fail(n, "%w: nesting deeper than %d levels", ErrLimit, MaxDepth)
	}
	rng := source.Range{File: d.File, StartLine: n.Line, EndLine: n.Line}
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
	if d.Tag != nil && strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		if fn := d.Tag(n.Tag); fn != "" {
			return &Value{Kind: Map, Keys: []string{fn}, Map: map[string]*Value{fn: v}, Range: v.Range}
		}
	}
	return v
}

func (d *Decoder) mapping(n *yaml.Node, rng source.Range, depth int) *Value {
	v := &Value{Kind: Map, Range: rng, Map: map[string]*Value{}}
	written := map[string]int{} // key -> line, for keys written in this mapping
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, c := n.Content[i], n.Content[i+1]
		e := d.decode(c, depth+1)
		if k.Tag == "!!merge" {
			merge(v, e)
			continue
		}
		// A member's place is its key's line through the end of its value.
		e.Range.StartLine = k.Line
		e.Range.EndLine = max(e.Range.EndLine, k.Line)
		if line, dup := written[k.Value]; dup {
			// The tools that apply these documents refuse (CloudFormation)
			// or silently resolve (kubectl) a repeated key; reading on
			// would keep one of the two unseen. (A key may override one
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
func merge(into, from *Value) {
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
		if IsNumberText(n.Value) {
			return &Value{Kind: Number, Str: n.Value, Range: rng}
		}
	}
	return &Value{Kind: String, Str: n.Value, Range: rng}
}

// ErrRange finds the line yaml.v3 names in its error text ("yaml: line 3: ...").
func ErrRange(name string, err error) source.Range {
	r := source.Range{File: name, StartLine: 1, EndLine: 1}
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		if _, e := fmt.Sscanf(msg[i:], "line %d", &line); e == nil && line > 0 {
			r.StartLine, r.EndLine = line, line
		}
	}
	return r
}
