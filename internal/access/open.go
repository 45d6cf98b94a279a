package access

import (
	"strings"

	"github.com/mlguard/mlguard/internal/awsarn"
	"github.com/mlguard/mlguard/internal/iam"
)

// openings adds the edges from principals outside the platform: for every
// statement of a resource or trust policy that admits anyone, or an
// account outside the trusted ones, without a condition that keeps them
// out, an edge per capability the statement allows. An outsider controls
// its own identity policies, so the resource policy alone decides; a
// bucket or secret encrypted with a customer managed key needs its key
// policy to open to them too, and one under an AWS managed key cannot be
// read from another account at all.
func (b *builder) openings() {
	t := b.trusted()
	assets := append([]*Node(nil), b.g.Nodes...)
	for _, x := range assets {
		caps := capabilities[x.Kind]
		if x.policy == nil || len(caps) == 0 {
			continue
		}
		for i := range x.policy.Statements {
			s := &x.policy.Statements[i]
			for _, o := range s.Openings(t) {
				from := b.outsider(o.Who)
				for _, c := range caps {
					if !statementGrants(s, x, c) {
						continue
					}
					e := &Edge{From: from, To: x, Capability: c.name, Notes: o.Why}
					if !b.keyOpens(e, x, c, t, o.Who) {
						continue
					}
					b.g.connect(e)
				}
			}
		}
	}
}

// statementGrants reports whether a statement allows every action of a
// capability on the asset.
func statementGrants(s *iam.Statement, x *Node, c capability) bool {
	for _, a := range c.actions {
		ok := false
		for _, p := range probes(&Node{}, x, a) {
			// A resource policy may leave Resource out: it is the resource.
			covers := len(s.Resource) == 0 && len(s.NotResource) == 0 || s.CoversResource(p.arn)
			ok = ok || (s.AllowsAction(a) && covers)
		}
		if !ok {
			return false
		}
	}
	return true
}

// keyOpens checks the encryption key of an asset opened to an outsider.
func (b *builder) keyOpens(e *Edge, x *Node, c capability, t iam.Trusted, who string) bool {
	if c.keyAction == "" {
		return true
	}
	switch x.keyState {
	case keyAWSManaged:
		return false
	case keyUnknown:
		e.Conditional = true
		e.Keys = append(e.Keys, "the encryption key (not known before apply)")
		return true
	case keyCustomer:
		for i := range x.key.policy.Statements {
			s := &x.key.policy.Statements[i]
			if !s.AllowsAction(c.keyAction) {
				continue
			}
			for _, o := range s.Openings(t) {
				if o.Who == who || o.Who == "anyone" {
					e.Notes = append(e.Notes, c.keyAction+" on "+x.key.Name+" open to "+who+" by its key policy")
					return true
				}
			}
		}
		return false
	}
	return true
}

// outsider returns the node of "anyone" or of an account outside the
// platform.
func (b *builder) outsider(who string) *Node {
	if who == "anyone" {
		return b.g.add(&Node{ID: "anyone", Kind: KindAnyone, Name: "anyone"})
	}
	acct := strings.TrimPrefix(who, "account ")
	return b.g.add(&Node{ID: awsarn.Root("", acct), Kind: KindAccount, Name: acct, Account: acct})
}
