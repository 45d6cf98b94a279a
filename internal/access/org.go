package access

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model/aws"
)

// orgPolicies are the service and resource control policies that govern
// each account: one policy per level of the organization above it (root,
// units, the account), each of which must allow.
type orgPolicies struct {
	scps, rcps map[string][]*iam.Policy
}

// attached is an organization policy and the target it is attached to.
type attached struct {
	name, typ string
	doc       *iam.Policy
	target    string
}

// resolveOrg maps every organization policy of the models and of
// Options.Policies onto the accounts below its targets. At each target,
// the statements of the policies attached there form one level; a level
// none of whose policies allows anything keeps AWS's default
// FullAWSAccess (RCPFullAWSAccess for resource control policies), which
// AWS attaches to every root, unit and account, so a deny-list policy
// only denies.
func (b *builder) resolveOrg(accounts []*Account) {
	var all []attached
	for _, a := range accounts {
		for _, m := range a.Models {
			for _, p := range m.OrgPolicies {
				all = append(all, b.fromModel(a, p)...)
			}
		}
	}
	for _, p := range b.opts.Policies {
		for _, t := range p.Targets {
			all = append(all, attached{name: p.Name, typ: p.Type, doc: p.Document, target: t})
		}
	}
	levels := map[string]map[string]*iam.Policy{"scp": {}, "rcp": {}} // kind → target → merged statements
	allows := map[string]map[string]bool{"scp": {}, "rcp": {}}
	for _, at := range all {
		kind := "scp"
		if strings.EqualFold(at.typ, "RESOURCE_CONTROL_POLICY") {
			kind = "rcp"
		} else if !strings.EqualFold(at.typ, "SERVICE_CONTROL_POLICY") && at.typ != "" {
			continue // tag, backup and AI opt-out policies grant nothing
		}
		lv := levels[kind][at.target]
		if lv == nil {
			lv = &iam.Policy{}
			levels[kind][at.target] = lv
		}
		lv.Statements = append(lv.Statements, at.doc.Statements...)
		for _, s := range at.doc.Statements {
			allows[kind][at.target] = allows[kind][at.target] || strings.EqualFold(s.Effect, "Allow")
		}
	}
	b.org = orgPolicies{scps: map[string][]*iam.Policy{}, rcps: map[string][]*iam.Policy{}}
	for kind, byTarget := range levels {
		targets := make([]string, 0, len(byTarget))
		for t := range byTarget {
			targets = append(targets, t)
		}
		sort.Strings(targets)
		for _, t := range targets {
			lv := byTarget[t]
			if !allows[kind][t] {
				lv.Statements = append(lv.Statements, iam.Statement{Effect: "Allow", Action: iam.Values{"*"}, Resource: iam.Values{"*"}})
			}
			accts := b.accountsUnder(t)
			if len(accts) == 0 {
				b.g.note(fmt.Sprintf("%s policies attached to %s: no account of the analysis is known to be under it (organization.units maps units to accounts)", strings.ToUpper(kind), t))
			}
			for _, id := range accts {
				if kind == "scp" {
					b.org.scps[id] = append(b.org.scps[id], lv)
				} else {
					b.org.rcps[id] = append(b.org.rcps[id], lv)
				}
			}
		}
	}
}

// fromModel lists the targets of an organization policy of the IaC.
func (b *builder) fromModel(a *Account, p *aws.OrgPolicy) []attached {
	if p.Document.Document == nil {
		if p.Document.Explicit {
			b.g.note(fmt.Sprintf("%s (%s): its content is not known before apply; it is not evaluated", p.Address, a.Dir))
		}
		return nil
	}
	var out []attached
	for _, t := range p.Targets {
		var id string
		switch {
		case t.Known() && t.Value != "":
			id = t.Value
		case len(t.Targets) > 0:
			id = t.Targets[0]
		default:
			b.g.note(fmt.Sprintf("%s (%s): attached to a target not known before apply", p.Address, a.Dir))
			continue
		}
		out = append(out, attached{name: p.Name.Value, typ: p.Type.Value, doc: p.Document.Document, target: id})
	}
	return out
}

// accountsUnder returns the analysed accounts a target covers: an account
// ID; a root (every account); a unit or address mapped in Options.Units.
func (b *builder) accountsUnder(target string) []string {
	if b.accounts[target] != nil {
		return []string{target}
	}
	if accts, ok := b.opts.Units[target]; ok {
		return accts
	}
	// A root not mapped in units covers every account of the analysis (a
	// management account among them would not be governed: list the
	// root's accounts in organization.units).
	if strings.HasPrefix(target, "r-") || strings.HasPrefix(target, "aws_organizations_organization.") {
		out := make([]string, 0, len(b.accounts))
		for id := range b.accounts {
			out = append(out, id)
		}
		sort.Strings(out)
		return out
	}
	return b.opts.Units[target]
}
