package terraform

import (
	"encoding/json"
	"sort"

	"github.com/zclconf/go-cty/cty"
)

// addPolicyDocumentJSON gives an aws_iam_policy_document data source the json
// and minified_json attributes the provider would compute, so that policies
// built with it can be analysed like literal JSON. Unknown parts of the
// document become UnknownString.
func addPolicyDocumentJSON(b *Block) {
	doc := map[string]any{"Version": "2012-10-17"}
	if v := stringOf(b.Attr("version")); v != "" {
		doc["Version"] = v
	}
	if id := stringOf(b.Attr("policy_id")); id != "" {
		doc["Id"] = id
	}
	var refs []string
	var stmts []map[string]any
	for _, src := range listOf(b.Attr("source_policy_documents")) {
		stmts = mergeStatements(stmts, statementsOf(src))
	}
	var own []map[string]any
	for _, sb := range b.Nested("statement") {
		own = append(own, statementJSON(sb))
		for _, a := range sb.Attrs {
			refs = append(refs, a.Refs...)
		}
	}
	stmts = mergeStatements(stmts, own)
	for _, ov := range listOf(b.Attr("override_policy_documents")) {
		stmts = mergeStatements(stmts, statementsOf(ov))
	}
	doc["Statement"] = stmts
	data, err := json.Marshal(doc)
	if err != nil {
		return
	}
	sort.Strings(refs)
	v := cty.StringVal(string(data))
	b.Attrs["json"] = &Attr{Name: "json", Value: v, raw: v, Range: b.Range, Refs: refs}
	b.Attrs["minified_json"] = &Attr{Name: "minified_json", Value: v, raw: v, Range: b.Range, Refs: refs}
}

// mergeStatements appends add to base; a statement whose Sid is already
// present replaces the earlier one, as the provider's merge does.
func mergeStatements(base, add []map[string]any) []map[string]any {
	for _, s := range add {
		sid, _ := s["Sid"].(string)
		replaced := false
		if sid != "" {
			for i, b := range base {
				if b["Sid"] == sid {
					base[i], replaced = s, true
				}
			}
		}
		if !replaced {
			base = append(base, s)
		}
	}
	return base
}

func statementsOf(policy string) []map[string]any {
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return nil
	}
	var list []map[string]any
	if json.Unmarshal(doc.Statement, &list) == nil {
		return list
	}
	var one map[string]any
	if json.Unmarshal(doc.Statement, &one) == nil && one != nil {
		return []map[string]any{one}
	}
	return nil
}

func statementJSON(sb *Block) map[string]any {
	st := map[string]any{"Effect": "Allow"}
	if e := stringOf(sb.Attr("effect")); e != "" {
		st["Effect"] = e
	}
	if sid := stringOf(sb.Attr("sid")); sid != "" {
		st["Sid"] = sid
	}
	for attr, key := range map[string]string{"actions": "Action", "not_actions": "NotAction", "resources": "Resource", "not_resources": "NotResource"} {
		if vals := listOf(sb.Attr(attr)); len(vals) > 0 || isUnknown(sb.Attr(attr)) {
			st[key] = oneOrMany(vals, sb.Attr(attr))
		}
	}
	for blockType, key := range map[string]string{"principals": "Principal", "not_principals": "NotPrincipal"} {
		ps := sb.Nested(blockType)
		if len(ps) == 0 {
			continue
		}
		principal := map[string]any{}
		for _, p := range ps {
			typ := stringOf(p.Attr("type"))
			ids := listOf(p.Attr("identifiers"))
			if typ == "*" && len(ids) == 1 && ids[0] == "*" {
				st[key] = "*"
				principal = nil
				break
			}
			principal[typ] = oneOrMany(ids, p.Attr("identifiers"))
		}
		if principal != nil {
			st[key] = principal
		}
	}
	conds := map[string]map[string]any{}
	for _, c := range sb.Nested("condition") {
		test, variable := stringOf(c.Attr("test")), stringOf(c.Attr("variable"))
		if conds[test] == nil {
			conds[test] = map[string]any{}
		}
		conds[test][variable] = oneOrMany(listOf(c.Attr("values")), c.Attr("values"))
	}
	if len(conds) > 0 {
		st["Condition"] = conds
	}
	return st
}

func isUnknown(a *Attr) bool { return a != nil && !a.Value.IsWhollyKnown() }

func oneOrMany(vals []string, a *Attr) any {
	if len(vals) == 0 && isUnknown(a) {
		return UnknownString
	}
	if len(vals) == 1 {
		return vals[0]
	}
	return vals
}

func stringOf(a *Attr) string {
	if a == nil {
		return ""
	}
	v := a.Value
	if !v.IsKnown() {
		return UnknownString
	}
	if v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// listOf returns the strings of a list or set attribute; unknown elements
// become UnknownString.
func listOf(a *Attr) []string {
	if a == nil || !a.Value.IsKnown() || a.Value.IsNull() || !a.Value.CanIterateElements() {
		return nil
	}
	var out []string
	for it := a.Value.ElementIterator(); it.Next(); {
		_, e := it.Element()
		switch {
		case !e.IsKnown():
			out = append(out, UnknownString)
		case !e.IsNull() && e.Type() == cty.String:
			out = append(out, e.AsString())
		}
	}
	return out
}
