package iam

import (
	"fmt"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

// held is a policy document a role holds: inline, or a customer managed
// policy of the scan attached to it. AWS managed policies are judged by name
// in the full-access rules, not here.
type held struct {
	doc   *iam.Policy
	at    model.Meta // where to report: the inline policy, or the attachment
	name  string     // for messages: inline policy "x", or aws_iam_policy.p
	value string     // fingerprint prefix
}

// heldBy lists the policy documents of a role that can be read.
func heldBy(m *aws.Model, r *aws.Role) []held {
	var out []held
	for _, ip := range r.InlinePolicies {
		if ip.Document != nil {
			name := fmt.Sprintf("inline policy %q%s", ip.Name, declared(r, ip.Source, " of %s"))
			out = append(out, held{doc: ip.Document, at: ip.Meta, name: name, value: "inline:" + ip.Name})
		}
	}
	for _, mp := range r.ManagedPolicies {
		at := mp.ARN.Meta
		if mp.Source.Address != r.Address {
			at = model.Meta{Range: mp.Source.Range, Explicit: true}
		}
		for _, t := range mp.ARN.Targets {
			if p := m.Policy(t); p != nil && p.Document.Document != nil {
				name := p.Address
				if mp.Source.Address != p.Address { // a CloudFormation managed policy attaches itself
					name += declared(r, mp.Source, " attached by %s")
				}
				out = append(out, held{doc: p.Document.Document, at: at, name: name, value: "policy:" + p.Address})
			}
		}
	}
	return out
}

// grant is a statement of a held policy that grants something.
type grant struct {
	held
	label  string         // the statement's Sid or position
	stmt   *iam.Statement // the statement itself
	action string         // the action found
}

func (g grant) String() string {
	return fmt.Sprintf("%s statement %s allows %s", g.name, g.label, g.action)
}

// find returns the first statement of the role's policies that allows one
// of the actions on the probe resource under the given test. Statements with
// unknown parts never match, and neither do those that grant every action on
// every resource: the administrator rule reports them.
func find(m *aws.Model, r *aws.Role, ok func(*iam.Statement) bool, probe string, actions ...string) (grant, bool) {
	for _, h := range heldBy(m, r) {
		for i := range h.doc.Statements {
			s := &h.doc.Statements[i]
			if s.HasUnknown() || !ok(s) || adminAccess.statementGrants(s) || (probe != "" && !s.CoversResource(probe)) {
				continue
			}
			for _, a := range actions {
				if s.AllowsAction(a) {
					return grant{held: h, label: h.doc.Label(i), stmt: s, action: a}, true
				}
			}
		}
	}
	return grant{}, false
}

// unconditioned is the test for grants that any condition may narrow.
func unconditioned(s *iam.Statement) bool { return s.Allows() }

// mlRoles calls f for every ML execution role with the reason it is one.
func mlRoles(m *aws.Model, f func(r *aws.Role, why string)) {
	for _, r := range m.Roles {
		if why := r.MLReason(); why != "" {
			f(r, why)
		}
	}
}

// onGrant reports a grant at the policy that holds it.
func onGrant(r *aws.Role, g grant, format string, args ...any) rule.Result {
	return rule.NewResult(r.Resource, g.at, g.value+":"+g.label+":"+g.action, format, args...)
}
