package iampolicy

import (
	"fmt"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/analyze"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
)

// subject is an analysis subject with the provenance of its documents.
type subject struct {
	analyze.Subject
	res     model.Resource
	docs    []aws.PolicyDocument
	managed []aws.ManagedPolicy
	// elsewhere marks documents whose statements are judged on a resource
	// of their own (a managed policy attached to the role): only the paths
	// that combine them are reported on the role.
	elsewhere map[int]bool
}

// subjects gathers every policy of a model: each role's identity policies
// together, every customer managed policy, trust policies, resource
// policies of buckets, keys, repositories, secrets and model registry
// groups, and policy files.
func subjects(m *aws.Model, account string) []subject {
	var out []subject
	attached := map[string]bool{}
	for _, r := range m.Roles {
		out = append(out, principal(m, r.Resource, r.InlinePolicies, r.ManagedPolicies, account, attached))
		trust := subject{Subject: analyze.Subject{Kind: analyze.Trust, Account: account}, res: r.Resource}
		trust.add(r.TrustPolicy, r.Address+" trust policy")
		out = append(out, trust)
	}
	for _, id := range m.Identities {
		out = append(out, principal(m, id.Resource, id.InlinePolicies, id.ManagedPolicies, account, attached))
	}
	for _, p := range m.Policies {
		s := subject{Subject: analyze.Subject{Kind: analyze.Identity, Account: account, PerDocument: attached[p.Address]}, res: p.Resource}
		s.add(p.Document, p.Address)
		out = append(out, s)
	}
	resource := func(res model.Resource, what string, docs ...aws.PolicyDocument) {
		s := subject{Subject: analyze.Subject{Kind: analyze.Resource, Account: account}, res: res}
		for _, d := range docs {
			name := res.Address + " " + what
			if d.Source.Address != "" && d.Source.Address != res.Address {
				name = fmt.Sprintf("%s %s (%s)", res.Address, what, d.Source.Address)
			}
			s.add(d, name)
		}
		if len(s.docs) > 0 {
			out = append(out, s)
		}
	}
	for _, rp := range m.ResourcePolicies() {
		resource(rp.Resource, rp.What, rp.Docs...)
	}
	for _, f := range m.PolicyFiles {
		kind := map[string]analyze.Kind{"identity": analyze.Identity, "resource": analyze.Resource, "trust": analyze.Trust}[f.Kind]
		s := subject{Subject: analyze.Subject{Kind: kind, Account: account}, res: f.Resource}
		s.add(f.Document, f.Address)
		out = append(out, s)
	}
	return out
}

// principal gathers the identity policies of a role, user or group, and
// marks the customer managed policies it attaches.
func principal(m *aws.Model, res model.Resource, inline []aws.PolicyDocument, managed []aws.ManagedPolicy, account string, attached map[string]bool) subject {
	s := subject{Subject: analyze.Subject{Kind: analyze.Identity, Account: account}, res: res, elsewhere: map[int]bool{}}
	for _, ip := range inline {
		s.add(ip, fmt.Sprintf("%s inline policy %q", res.Address, ip.Name))
	}
	for _, mp := range managed {
		s.managed = append(s.managed, mp)
		if mp.ARN.Known() && mp.ARN.Value != "" {
			s.Managed = append(s.Managed, mp.ARN.Value)
		}
		for _, t := range mp.ARN.Targets {
			if p := m.Policy(t); p != nil {
				attached[p.Address] = true
				s.elsewhere[len(s.docs)] = true
				s.add(p.Document, fmt.Sprintf("%s (attached to %s)", p.Address, res.Address))
			}
		}
	}
	return s
}

// add appends a known document.
func (s *subject) add(d aws.PolicyDocument, name string) {
	if d.Document == nil {
		return
	}
	s.docs = append(s.docs, d)
	s.Docs = append(s.Docs, analyze.Doc{Name: name, Policy: d.Document})
}

// where is the range a finding points at: the statement when the source
// tells it, else the document, else the managed policy attachment.
func (s *subject) where(is analyze.Issue) model.Meta {
	if is.Doc < 0 {
		for _, mp := range s.managed {
			name := iam.ManagedPolicyName(mp.ARN.Value)
			if mp.ARN.Known() && name != "" && (is.Value == "managed:"+name || strings.Contains(is.Message, " "+name+",")) {
				return mp.ARN.Meta
			}
		}
		return model.Meta{}
	}
	d := s.docs[is.Doc]
	if is.Statement >= 0 && is.Statement < len(d.Statements) {
		return model.Meta{Range: d.Statements[is.Statement], Explicit: true}
	}
	return d.Meta
}
