package access

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

// The finding IDs of the access analysis.
const (
	CrossTenant  = "ACCESS-001" // a tenant's principal reaches another tenant's asset
	OutsideOrg   = "ACCESS-002" // an asset reachable from outside the organization
	NoRestrict   = "ACCESS-003" // a condition that does not restrict who may call
	maxReachList = 5
)

// Kind describes one finding ID of the analysis, for reports and
// `mlguard rules show`.
type Kind struct {
	ID          string        `json:"id"`
	Title       string        `json:"title"`
	Severity    rule.Severity `json:"severity"` // the highest it is reported at
	Explanation string        `json:"explanation"`
}

// Kinds are the finding IDs of mlguard access.
var Kinds = []Kind{
	{CrossTenant, "A principal of one tenant can reach another tenant's ML assets", rule.Critical,
		"A role or user of one tenant's accounts reaches a bucket, key, repository, secret, model registry, endpoint, feature group " +
			"or custom model of another tenant, directly or by assuming roles and passing roles to SageMaker or Bedrock. Each edge of " +
			"the path is decided by the IAM engine (explicit deny, SCPs and RCPs, permissions boundaries, identity and resource " +
			"policies, KMS key policies). HIGH instead of CRITICAL when a condition on a key not known at analysis time decides it."},
	{OutsideOrg, "An ML asset is reachable from outside the organization", rule.Critical,
		"A resource or trust policy admits anyone, or an account outside the analysed accounts and organization.units, with no " +
			"condition that keeps them out; an opened role says what it reaches. CRITICAL for anyone, HIGH for a named account."},
	{NoRestrict, "A policy grants to everyone behind a condition that does not restrict the caller", rule.High,
		"A statement grants to \"*\" and relies on conditions any AWS customer can meet: an aws:PrincipalArn or aws:SourceArn " +
			"pattern with a wildcard account, keys the caller sets (aws:UserAgent, aws:Referer, tags), a negated operator, a Null check, " +
			"IfExists or ForAllValues over a key a direct call does not carry. The finding says why for each condition."},
}

// Titles of the finding IDs, for reports.
var Titles = func() map[string]string {
	out := map[string]string{}
	for _, k := range Kinds {
		out[k.ID] = k.Title
	}
	return out
}()

// Finding is one result of the analysis.
type Finding struct {
	ID           string        `json:"id"`
	Severity     rule.Severity `json:"severity"`
	Title        string        `json:"title"`
	Principal    string        `json:"principal"` // its ARN, "anyone", or the account's root
	Asset        string        `json:"asset"`     // the ARN
	Capabilities []string      `json:"capabilities"`
	Path         []Step        `json:"path"`
	Conditional  bool          `json:"conditional,omitempty"`
	Keys         []string      `json:"condition_keys,omitempty"`
	Why          []string      `json:"why,omitempty"`
	Message      string        `json:"message"`
	Address      string        `json:"address,omitempty"` // the asset in the IaC
	Range        source.Range  `json:"range"`
}

// Step is one edge of a path.
type Step struct {
	From       string   `json:"from"`
	Capability string   `json:"capability"`
	To         string   `json:"to"`
	Notes      []string `json:"notes,omitempty"`
}

// PathText writes a path as role/a → assume → role/b → read → bucket.
func PathText(steps []Step) string {
	var b strings.Builder
	for i, s := range steps {
		if i == 0 {
			b.WriteString(s.From)
		}
		fmt.Fprintf(&b, " → %s → %s", s.Capability, s.To)
		if len(s.Notes) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(s.Notes, "; "))
		}
	}
	return b.String()
}

// reach is what a principal reaches through role chains: for each node
// reached, the edges that lead there from the start.
type reach struct {
	via map[*Node][]*Edge
}

// reachFrom walks assume and pass edges from a principal, breadth first,
// so each role is reached by a shortest chain.
func reachFrom(start *Node) reach {
	r := reach{via: map[*Node][]*Edge{start: nil}}
	queue := []*Node{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range n.out {
			if e.Capability != "assume" && e.Capability != "pass" {
				continue
			}
			if _, seen := r.via[e.To]; seen {
				continue
			}
			r.via[e.To] = append(append([]*Edge(nil), r.via[n]...), e)
			queue = append(queue, e.To)
		}
	}
	return r
}

// reached lists each asset the start reaches, with the shortest path to
// it and the capabilities it has there, in a stable order.
type reachedAsset struct {
	asset *Node
	via   []*Edge // the chain of roles (shared with the reach: do not append)
	last  *Edge   // the first capability edge on the asset
	caps  []*Edge // every capability edge on the asset from the same node
}

// path is the chain of roles, then the capability edge.
func (ra reachedAsset) path() []*Edge {
	return append(append(make([]*Edge, 0, len(ra.via)+1), ra.via...), ra.last)
}

func (r reach) assets() []reachedAsset {
	nodes := make([]*Node, 0, len(r.via))
	for n := range r.via {
		nodes = append(nodes, n)
	}
	sort.Slice(nodes, func(i, j int) bool {
		if len(r.via[nodes[i]]) != len(r.via[nodes[j]]) {
			return len(r.via[nodes[i]]) < len(r.via[nodes[j]])
		}
		return nodes[i].ID < nodes[j].ID
	})
	found := map[*Node]*reachedAsset{}
	var order []*Node
	for _, n := range nodes {
		for _, e := range n.out {
			ra := found[e.To]
			if ra == nil {
				ra = &reachedAsset{asset: e.To, via: r.via[n], last: e}
				found[e.To] = ra
				order = append(order, e.To)
			}
			if ra.last.From == n {
				ra.caps = append(ra.caps, e)
			}
		}
	}
	out := make([]reachedAsset, 0, len(order))
	for _, n := range order {
		out = append(out, *found[n])
	}
	return out
}

func steps(path []*Edge) []Step {
	out := make([]Step, 0, len(path))
	for _, e := range path {
		out = append(out, Step{From: e.From.Label(), Capability: e.Capability, To: e.To.Label(), Notes: e.Notes})
	}
	return out
}

// conditional reports whether any edge of a path is conditional, and on
// which keys.
func conditional(path []*Edge) (bool, []string) {
	var keys []string
	cond := false
	for _, e := range path {
		cond = cond || e.Conditional
		keys = append(keys, e.Keys...)
	}
	sort.Strings(keys)
	return cond, dedupe(keys)
}

func capNames(es []*Edge) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Capability)
	}
	sort.Strings(out)
	return dedupe(out)
}

// findings lists what the graph shows: principals of one tenant that reach
// another tenant's assets, directly or through role chains; and assets
// open to principals outside the organization.
func findings(g *Graph, t iam.Trusted) []Finding {
	var out []Finding
	for _, p := range g.Nodes {
		switch {
		case (p.Kind == KindRole || p.Kind == KindUser) && p.Tenant != "":
			out = append(out, crossTenant(p)...)
		case p.Kind == KindAnyone || p.Kind == KindAccount:
			out = append(out, outside(p)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Principal != b.Principal {
			return a.Principal < b.Principal
		}
		return a.Asset < b.Asset
	})
	return out
}

// kindRank orders the assets of one finding: data and models first, the
// keys that protect them last.
var kindRank = map[string]int{KindBucket: 0, KindSecret: 1, KindFeatures: 2, KindRegistry: 3, KindModel: 4, KindEndpoint: 5, KindRepo: 6, KindKey: 7}

// crossTenant reports, for a tenant's principal, each chain of roles that
// reaches another tenant's assets: one finding per chain and tenant,
// naming every asset reached through it and the path to the first.
func crossTenant(p *Node) []Finding {
	type group struct {
		tenant string
		assets []reachedAsset
	}
	groups := map[string]*group{}
	var order []string
	for _, ra := range reachFrom(p).assets() {
		x := ra.asset
		if x.Tenant == "" || x.Tenant == p.Tenant || x.Kind == KindRole {
			continue
		}
		var chain []string
		for _, e := range ra.via {
			chain = append(chain, e.To.ID)
		}
		key := strings.Join(chain, " ") + "\x00" + x.Tenant
		if groups[key] == nil {
			groups[key] = &group{tenant: x.Tenant}
			order = append(order, key)
		}
		groups[key].assets = append(groups[key].assets, ra)
	}
	var out []Finding
	for _, key := range order {
		g := groups[key]
		sort.SliceStable(g.assets, func(i, j int) bool {
			a, b := g.assets[i].asset, g.assets[j].asset
			if kindRank[a.Kind] != kindRank[b.Kind] {
				return kindRank[a.Kind] < kindRank[b.Kind]
			}
			return a.ID < b.ID
		})
		first := g.assets[0]
		var what, caps []string
		var all []*Edge
		for _, ra := range g.assets {
			what = append(what, strings.Join(capNames(ra.caps), "/")+" "+ra.asset.Label())
			caps = append(caps, capNames(ra.caps)...)
			all = append(append(all, ra.via...), ra.last)
		}
		cond, keys := conditional(all)
		sev := rule.Critical
		if cond {
			sev = rule.High
		}
		st := steps(first.path())
		msg := fmt.Sprintf("%s (tenant %s) reaches tenant %s: %s; path: %s", p.Label(), p.Tenant, g.tenant, strings.Join(what, ", "), PathText(st))
		if cond {
			msg += "; if conditions on " + strings.Join(keys, ", ") + " hold"
		}
		x := first.asset
		out = append(out, Finding{ID: CrossTenant, Severity: sev, Title: Titles[CrossTenant], Principal: p.ID, Asset: x.ID,
			Capabilities: dedupe(sortedCopy(caps)), Path: st, Conditional: cond, Keys: keys, Message: msg, Address: x.Address, Range: x.Range})
	}
	return out
}

// outside reports each asset an outsider reaches directly: the opening
// itself is the cause, and a role opened to outsiders says what it reaches.
func outside(o *Node) []Finding {
	var out []Finding
	for _, ra := range reachFrom(o).assets() {
		if len(ra.via) != 0 {
			continue // reached through an opened role: reported on the role
		}
		x := ra.asset
		e := ra.last
		id, sev := OutsideOrg, rule.Critical
		if o.Kind == KindAccount {
			sev = rule.High // a named account is granted on purpose, if perhaps wrongly
		}
		var why []string
		for _, c := range ra.caps {
			why = append(why, c.Notes...)
		}
		why = dedupe(sortedCopy(why))
		if o.Kind == KindAnyone && len(conditionReasons(why)) > 0 {
			id, sev = NoRestrict, rule.High
		}
		caps := capNames(ra.caps)
		st := steps(ra.path())
		msg := fmt.Sprintf("%s can %s %s (%s of account %s)", o.Label(), strings.Join(caps, ", "), x.Label(), x.Kind, x.Account)
		if id == NoRestrict {
			msg += ": the policy grants to \"*\" and its conditions do not restrict the caller: " + strings.Join(conditionReasons(why), "; ")
		}
		if x.Kind == KindRole {
			msg += throughRole(o, x)
		}
		cond, keys := e.Conditional, e.Keys
		out = append(out, Finding{ID: id, Severity: sev, Title: Titles[id], Principal: o.ID, Asset: x.ID, Capabilities: caps,
			Path: st, Conditional: cond, Keys: keys, Why: why, Message: msg, Address: x.Address, Range: x.Range})
	}
	return out
}

// conditionReasons are the notes that explain a condition (they name an
// operator and a key), as opposed to notes on keys.
func conditionReasons(notes []string) []string {
	var out []string
	for _, n := range notes {
		if strings.Contains(n, ": ") && !strings.Contains(n, " by its key policy") {
			out = append(out, n)
		}
	}
	return out
}

// throughRole says what an outsider reaches by assuming a role.
func throughRole(o, role *Node) string {
	var names []string
	for _, ra := range reachFrom(o).assets() {
		if len(ra.via) > 0 && ra.via[0].To == role {
			names = append(names, ra.asset.Label())
		}
	}
	if len(names) == 0 {
		return ""
	}
	more := ""
	if len(names) > maxReachList {
		more = fmt.Sprintf(" and %d more", len(names)-maxReachList)
		names = names[:maxReachList]
	}
	return "; through it: " + strings.Join(names, ", ") + more
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
