package kubernetes

import (
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

// Readers of one field of a mapping. An absent field takes def, with the
// mapping's range (or the object's, when the mapping itself is absent) as
// its place and Explicit false. Manifests are literal, so every value read
// is known.

func str(parent *node.Value, at source.Range, key, def string) model.String {
	v := parent.Get(key)
	if v == nil || v.Kind == node.Null {
		return model.String{Meta: model.Meta{Range: rangeOf(parent, at)}, Value: def}
	}
	s, ok := v.Text()
	if !ok {
		s = v.JSON()
	}
	return model.String{Meta: model.Meta{Range: v.Range, Explicit: true}, Value: s}
}

func boolean(parent *node.Value, at source.Range, key string, def bool) model.Bool {
	v := parent.Get(key)
	if v == nil || v.Kind == node.Null {
		return model.Bool{Meta: model.Meta{Range: rangeOf(parent, at)}, Value: def}
	}
	b := v.Bool
	if v.Kind == node.String {
		// The API server refuses a quoted boolean; reading it as written is
		// what a reviewer sees.
		b = strings.EqualFold(v.Str, "true")
	}
	return model.Bool{Meta: model.Meta{Range: v.Range, Explicit: true}, Value: b}
}

func integer(parent *node.Value, at source.Range, key string) model.Int {
	v := parent.Get(key)
	if v == nil || v.Kind == node.Null {
		return model.Int{Meta: model.Meta{Range: rangeOf(parent, at)}}
	}
	s, _ := v.Text()
	n, err := strconv.ParseInt(s, 10, 64)
	return model.Int{Meta: model.Meta{Range: v.Range, Explicit: true, Unknown: err != nil}, Value: n}
}

func rangeOf(v *node.Value, at source.Range) source.Range {
	if v != nil && v.Range.StartLine > 0 {
		return v.Range
	}
	return at
}

func texts(v *node.Value) []model.String {
	if v == nil || v.Kind != node.List {
		return nil
	}
	out := make([]model.String, 0, len(v.List))
	for _, e := range v.List {
		s, ok := e.Text()
		if !ok {
			s = e.JSON()
		}
		out = append(out, model.String{Meta: model.Meta{Range: e.Range, Explicit: true}, Value: s})
	}
	return out
}

// textMap reads a map of strings (labels, annotations, node selector).
func textMap(v *node.Value) map[string]string {
	if v == nil || v.Kind != node.Map {
		return nil
	}
	out := make(map[string]string, len(v.Keys))
	for _, k := range v.Keys {
		s, _ := v.Map[k].Text()
		out[k] = s
	}
	return out
}

// annotation reads an annotation as a model value placed at its line.
func annotation(meta *node.Value, at source.Range, kind, key string) model.String {
	return str(meta.Get(kind), rangeOf(meta, at), key, "")
}
