package blueprint

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/scope"
)

// placeholderSet writes policy values with the module's variables (or the
// template's parameters) in place of the stand-ins.
type placeholderSet []Placeholder

// piece is a literal part of a value, or a stand-in (p set).
type piece struct {
	text string
	p    *Placeholder
}

// pieces splits a value at its stand-ins, taking at each point the
// earliest, then the longest, so that a stand-in inside another never
// splits it.
func (ps placeholderSet) pieces(v string) []piece {
	var out []piece
	for v != "" {
		at, which := len(v), -1
		for i, p := range ps {
			k := strings.Index(v, p.Value)
			if k >= 0 && (k < at || k == at && which >= 0 && len(p.Value) > len(ps[which].Value)) {
				at, which = k, i
			}
		}
		if at > 0 {
			out = append(out, piece{text: v[:at]})
		}
		if which < 0 {
			break
		}
		out = append(out, piece{text: ps[which].Value, p: &ps[which]})
		v = v[at+len(ps[which].Value):]
	}
	return out
}

// list writes a list of policy values as an HCL expression: literals stay
// literal, a stand-in becomes its variable (interpolated where it is part
// of a value), and a value holding an Each stand-in becomes a for
// expression over that list variable; the parts are concatenated.
func (ps placeholderSet) list(vs []string) string {
	var parts, scalars []string
	flush := func() {
		if len(scalars) > 0 {
			parts = append(parts, "["+strings.Join(scalars, ", ")+"]")
			scalars = nil
		}
	}
	for _, v := range vs {
		pcs := ps.pieces(v)
		each := eachOf(pcs)
		switch {
		case each == nil:
			scalars = append(scalars, hclString(pcs))
		case len(pcs) == 1:
			flush()
			parts = append(parts, each.Terraform)
		default:
			flush()
			parts = append(parts, fmt.Sprintf("[for v in %s : %s]", each.Terraform, hclString(pcs)))
		}
	}
	flush()
	switch len(parts) {
	case 0:
		return "[]"
	case 1:
		return parts[0]
	}
	return "concat(" + strings.Join(parts, ", ") + ")"
}

// scalar writes one value as an HCL expression.
func (ps placeholderSet) scalar(v string) string { return hclString(ps.pieces(v)) }

func eachOf(pcs []piece) *Placeholder {
	for _, pc := range pcs {
		if pc.p != nil && pc.p.Each {
			return pc.p
		}
	}
	return nil
}

// hclString writes pieces as an HCL string: a lone stand-in is its
// variable, stand-ins in a value are interpolated, and an Each stand-in is
// the for expression's v.
func hclString(pcs []piece) string {
	if len(pcs) == 1 && pcs[0].p != nil && !pcs[0].p.Each {
		return pcs[0].p.Terraform
	}
	var b strings.Builder
	for _, pc := range pcs {
		switch {
		case pc.p == nil:
			q := scope.QuoteHCL(pc.text)
			b.WriteString(q[1 : len(q)-1])
		case pc.p.Each:
			b.WriteString("${v}")
		default:
			b.WriteString("${" + pc.p.Terraform + "}")
		}
	}
	return `"` + b.String() + `"`
}

// cfnPolicy writes the policy as a CloudFormation PolicyDocument (YAML) at
// indent, every field of it (through JSON), in the order people read.
func cfnPolicy(p *iam.Policy, indent string, ps placeholderSet) (string, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return "", err
	}
	var b strings.Builder
	ps.cfnMap(&b, doc, indent, indent)
	return b.String(), nil
}

// cfnMap writes an object's fields; the first line starts with first (a
// list item's "- ") and the others with indent.
func (ps placeholderSet) cfnMap(b *strings.Builder, m map[string]any, first, indent string) {
	for i, k := range policyOrder(m) {
		lead := indent
		if i == 0 {
			lead = first
		}
		switch v := m[k].(type) {
		case map[string]any:
			fmt.Fprintf(b, "%s%s:\n", lead, yamlString(k))
			ps.cfnMap(b, v, indent+"  ", indent+"  ")
		case []any:
			fmt.Fprintf(b, "%s%s:\n", lead, yamlString(k))
			for _, e := range v {
				if em, ok := e.(map[string]any); ok {
					ps.cfnMap(b, em, indent+"  - ", indent+"    ")
					continue
				}
				fmt.Fprintf(b, "%s  - %s\n", indent, ps.cfnValue(fmt.Sprint(e)))
			}
		default:
			fmt.Fprintf(b, "%s%s: %s\n", lead, yamlString(k), ps.cfnValue(fmt.Sprint(v)))
		}
	}
}

// cfnValue writes one value: a lone stand-in becomes !Ref (or !GetAtt for
// Resource.Attribute), stand-ins in a value !Sub. CloudFormation has no for
// expression, so an Each stand-in maps to a single parameter there.
func (ps placeholderSet) cfnValue(v string) string {
	pcs := ps.pieces(v)
	if len(pcs) == 1 && pcs[0].p != nil {
		if strings.Contains(pcs[0].p.CloudFormation, ".") {
			return "!GetAtt " + pcs[0].p.CloudFormation
		}
		return "!Ref " + pcs[0].p.CloudFormation
	}
	if !hasStandIn(pcs) {
		return yamlString(v)
	}
	var sub strings.Builder
	for _, pc := range pcs {
		if pc.p == nil {
			sub.WriteString(strings.ReplaceAll(pc.text, "${", "${!"))
		} else {
			sub.WriteString("${" + pc.p.CloudFormation + "}")
		}
	}
	return "!Sub " + yamlString(sub.String())
}

func hasStandIn(pcs []piece) bool {
	for _, pc := range pcs {
		if pc.p != nil {
			return true
		}
	}
	return false
}

// yamlString quotes a YAML scalar when it could be read as anything else.
func yamlString(s string) string {
	plain := s != "" && !strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`") && strings.TrimSpace(s) == s &&
		s != "true" && s != "false" && s != "null" && s != "yes" && s != "no" && strings.Trim(s, "0123456789-.") != ""
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
