package azure

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/parse/node"
)

func props(d Document) *node.Value { return arm.Lookup(d.Body, "properties") }

// meta is the provenance of a property; a nil or null v was not written,
// so its value is the default.
func meta(d Document, v *node.Value) model.Meta {
	if v == nil || v.Kind == node.Null {
		return model.Meta{Range: d.Res.Range}
	}
	return model.Meta{Range: v.Range, Explicit: true, Unknown: !v.Known()}
}

func str(d Document, v *node.Value, def string) model.String {
	m := meta(d, v)
	switch {
	case !m.Explicit:
		return model.String{Meta: m, Value: def}
	case m.Unknown:
		return model.String{Meta: m}
	}
	s, ok := v.Text()
	if !ok {
		m.Unknown = true
	}
	return model.String{Meta: m, Value: s}
}

func boolean(d Document, v *node.Value, def bool) model.Bool {
	m := meta(d, v)
	switch {
	case !m.Explicit:
		return model.Bool{Meta: m, Value: def}
	case m.Unknown:
		return model.Bool{Meta: m}
	case v.Kind == node.Bool:
		return model.Bool{Meta: m, Value: v.Bool}
	case v.Kind == node.String && strings.EqualFold(v.Str, "true"):
		return model.Bool{Meta: m, Value: true}
	case v.Kind == node.String && strings.EqualFold(v.Str, "false"):
		return model.Bool{Meta: m}
	}
	m.Unknown = true
	return model.Bool{Meta: m}
}

// enabled reads an "Enabled"/"Disabled" property as a bool. Values other
// than Enabled (SecuredByPerimeter on storage accounts) are not open.
func enabled(d Document, v *node.Value, def bool) model.Bool {
	s := str(d, v, "")
	switch {
	case !s.Explicit:
		return model.Bool{Meta: s.Meta, Value: def}
	case !s.Known():
		return model.Bool{Meta: s.Meta}
	}
	return model.Bool{Meta: s.Meta, Value: strings.EqualFold(s.Value, "Enabled")}
}

func not(b model.Bool) model.Bool { return model.Bool{Meta: b.Meta, Value: !b.Value} }

// ref reads a property that names another resource: a literal ID, or the
// links a resourceId() or reference() carries.
func ref(d Document, v *node.Value) model.Ref {
	r := model.Ref{Meta: meta(d, v)}
	if !r.Explicit {
		return r
	}
	r.Targets = v.AllRefs()
	if s, ok := v.Text(); ok {
		r.Value = s
	}
	return r
}

// identities are the user-assigned identities of a resource: the links of
// the keys of identity.userAssignedIdentities.
func identities(d Document) []string {
	var out []string
	if uai := arm.Lookup(d.Body, "identity", "userAssignedIdentities"); uai != nil && uai.Kind == node.Map {
		for _, k := range uai.Keys {
			out = append(out, uai.Map[k].AllRefs()...)
		}
	}
	return out
}

// Required marks a required setting that is absent as unknown: the
// resource would be refused, and no default applies. The Terraform adapter
// uses it too.
func Required(b model.Bool) model.Bool {
	if !b.Explicit {
		b.Unknown = true
	}
	return b
}
