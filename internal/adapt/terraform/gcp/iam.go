package gcp

import (
	"encoding/json"

	"github.com/zclconf/go-cty/cty"

	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/gcp"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// grant reads an _iam_member (one member), _iam_binding (members) or
// _iam_policy (policy_data JSON, read when it is known).
func (a *adapter) grant(b *terraform.Block, res model.Resource, k grantKind) {
	target := tfattr.Ref(b, k.target)
	switch k.form {
	case "member":
		a.m.Grants = append(a.m.Grants, &gcp.Grant{Resource: res, Scope: k.scope, Target: target,
			Role: tfattr.Str(b, "role", ""), Members: membersOf(b, "member")})
	case "binding":
		a.m.Grants = append(a.m.Grants, &gcp.Grant{Resource: res, Scope: k.scope, Target: target,
			Role: tfattr.Str(b, "role", ""), Members: membersOf(b, "members")})
	case "policy":
		a.policy(b, res, k, target)
	}
}

// policyData is the JSON of google_iam_policy's policy_data.
type policyData struct {
	Bindings []struct {
		Role    string   `json:"role"`
		Members []string `json:"members"`
	} `json:"bindings"`
}

func (a *adapter) policy(b *terraform.Block, res model.Resource, k grantKind, target model.Ref) {
	attr := b.Attr("policy_data")
	meta := tfattr.MetaOf(b, attr)
	if attr == nil || meta.Unknown || attr.Value.Type() != cty.String {
		// From data.google_iam_policy, known only after apply: kept as an
		// unknown grant, so that reports show it was not judged.
		a.m.Grants = append(a.m.Grants, &gcp.Grant{Resource: res, Scope: k.scope, Target: target,
			Role: model.String{Meta: model.Meta{Range: meta.Range, Explicit: true, Unknown: true}}})
		return
	}
	var pd policyData
	if json.Unmarshal([]byte(attr.Value.AsString()), &pd) != nil {
		return
	}
	for _, bd := range pd.Bindings {
		g := &gcp.Grant{Resource: res, Scope: k.scope, Target: target, Role: model.String{Meta: meta, Value: bd.Role}}
		for _, m := range bd.Members {
			g.Members = append(g.Members, gcp.Member{String: model.String{Meta: meta, Value: m}})
		}
		a.m.Grants = append(a.m.Grants, g)
	}
}

// membersOf reads a member string or a list of them. An unknown member keeps
// the prefix its template wrote, which names the kind of principal.
func membersOf(b *terraform.Block, name string) []gcp.Member {
	a := b.Attr(name)
	if a == nil {
		return nil
	}
	meta := tfattr.MetaOf(b, a)
	var vals []cty.Value
	switch {
	case a.Value.Type() == cty.String:
		vals = []cty.Value{a.Value}
	case !a.Value.IsKnown() || a.Value.IsNull():
		return []gcp.Member{{String: model.String{Meta: model.Meta{Range: meta.Range, Explicit: true, Unknown: true}}}}
	case a.Value.CanIterateElements():
		for it := a.Value.ElementIterator(); it.Next(); {
			_, v := it.Element()
			vals = append(vals, v)
		}
	}
	out := make([]gcp.Member, 0, len(vals))
	for _, v := range vals {
		m := gcp.Member{String: model.String{Meta: model.Meta{Range: meta.Range, Explicit: true, Unknown: !v.IsWhollyKnown()}}}
		switch {
		case v.IsKnown() && !v.IsNull() && v.Type() == cty.String:
			m.Value = v.AsString()
		case !v.IsKnown():
			m.Prefix = v.Range().StringPrefix()
		}
		out = append(out, m)
	}
	return out
}
