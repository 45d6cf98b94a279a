package blueprint

import (
	"fmt"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

type placeholderSet []Placeholder

func placeholders(ps []Placeholder) placeholderSet { return ps }

// list writes a list of policy values as an HCL expression: literals stay
// literal, a stand-in becomes its variable (inside a template where it is
// part of a value), and a value holding an Each stand-in becomes a for
// expression over that variable; the parts are concatenated.
func (ps placeholderSet) list(vs []string) string {
	var parts []string
	var scalars []string
	flush := func() {
		if len(scalars) > 0 {
			parts = append(parts, "["+strings.Join(scalars, ", ")+"]")
			scalars = nil
		}
	}
	for _, v := range vs {
		if p, ok := ps.each(v); ok {
			flush()
			if v == p.Value {
				parts = append(parts, p.Terraform)
			} else {
				parts = append(parts, fmt.Sprintf("[for v in %s : %s]", p.Terraform, ps.scalar(strings.ReplaceAll(v, p.Value, "\x00"))))
			}
			continue
		}
		scalars = append(scalars, ps.scalar(v))
	}
	flush()
	if len(parts) == 1 {
		return parts[0]
	}
	return "concat(" + strings.Join(parts, ", ") + ")"
}

func (ps placeholderSet) each(v string) (Placeholder, bool) {
	for _, p := range ps {
		if p.Each && strings.Contains(v, p.Value) {
			return p, true
		}
	}
	return Placeholder{}, false
}

// scalar writes one value; "\x00" stands for the for expression's v.
func (ps placeholderSet) scalar(v string) string {
	for _, p := range ps {
		if v == p.Value && !p.Each {
			return p.Terraform
		}
	}
	// Split the value at stand-ins, quote the literal pieces and
	// interpolate the variables.
	var b strings.Builder
	rest := v
	for rest != "" {
		at, which := len(rest), -1
		for i, p := range ps {
			if p.Each {
				continue
			}
			if k := strings.Index(rest, p.Value); k >= 0 && k < at {
				at, which = k, i
			}
		}
		if k := strings.IndexByte(rest, 0); k >= 0 && k < at {
			b.WriteString(literal(rest[:k]) + "${v}")
			rest = rest[k+1:]
			continue
		}
		b.WriteString(literal(rest[:at]))
		if which < 0 {
			break
		}
		b.WriteString("${" + ps[which].Terraform + "}")
		rest = rest[at+len(ps[which].Value):]
	}
	return `"` + b.String() + `"`
}

// literal is the inside of a quoted HCL string holding s.
func literal(s string) string {
	q := quoteHCL(s)
	return q[1 : len(q)-1]
}

// policyDocument writes the policy as an aws_iam_policy_document whose
// values refer to the module's variables.
func policyDocument(p *iam.Policy, name string, ps placeholderSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "data \"aws_iam_policy_document\" %s {\n", quoteHCL(name))
	for i, s := range p.Statements {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("  statement {\n")
		fmt.Fprintf(&b, "    sid       = %s\n    effect    = %s\n", quoteHCL(s.Sid), quoteHCL(s.Effect))
		fmt.Fprintf(&b, "    actions   = %s\n    resources = %s\n", ps.list(s.Action), ps.list(s.Resource))
		for _, op := range sortedKeys(s.Condition) {
			for _, key := range sortedKeys(s.Condition[op]) {
				fmt.Fprintf(&b, "\n    condition {\n      test     = %s\n      variable = %s\n      values   = %s\n    }\n",
					quoteHCL(op), quoteHCL(key), ps.list(s.Condition[op][key]))
			}
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// cfnPolicy writes the policy as a CloudFormation PolicyDocument (YAML) at
// indent: a stand-in that is the whole value becomes !Ref, one inside a
// value !Sub. CloudFormation has no for expression, so an Each stand-in
// maps to a single parameter there.
func cfnPolicy(p *iam.Policy, indent string, ps []Placeholder) string {
	var b strings.Builder
	w := func(depth int, format string, args ...any) {
		b.WriteString(indent + strings.Repeat("  ", depth) + fmt.Sprintf(format, args...) + "\n")
	}
	w(0, "Version: %s", yamlString(p.Version))
	w(0, "Statement:")
	for _, s := range p.Statements {
		w(1, "- Sid: %s", yamlString(s.Sid))
		w(2, "Effect: %s", s.Effect)
		w(2, "Action:")
		for _, a := range s.Action {
			w(3, "- %s", cfnValue(a, ps))
		}
		w(2, "Resource:")
		for _, r := range s.Resource {
			w(3, "- %s", cfnValue(r, ps))
		}
		if len(s.Condition) > 0 {
			w(2, "Condition:")
			for _, op := range sortedKeys(s.Condition) {
				w(3, "%s:", op)
				for _, key := range sortedKeys(s.Condition[op]) {
					w(4, "%s:", yamlString(key))
					for _, v := range s.Condition[op][key] {
						w(5, "- %s", cfnValue(v, ps))
					}
				}
			}
		}
	}
	return b.String()
}

func cfnValue(v string, ps []Placeholder) string {
	for _, p := range ps {
		if v == p.Value && strings.Contains(p.CloudFormation, ".") {
			return "!GetAtt " + p.CloudFormation
		}
		if v == p.Value {
			return "!Ref " + p.CloudFormation
		}
	}
	sub := strings.ReplaceAll(v, "${", "${!")
	changed := false
	for _, p := range ps {
		if strings.Contains(sub, p.Value) {
			sub = strings.ReplaceAll(sub, p.Value, "${"+p.CloudFormation+"}")
			changed = true
		}
	}
	if changed {
		return "!Sub " + yamlString(sub)
	}
	return yamlString(v)
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
