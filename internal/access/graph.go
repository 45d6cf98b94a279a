// Package access answers who can reach which ML assets across the AWS
// accounts of a platform. It reads the typed models of several accounts'
// infrastructure as code at once and builds a graph: principals (roles,
// users, other accounts, anyone), assets (buckets, keys, repositories,
// secrets, model registries, endpoints, feature groups, custom models) and
// an edge for each capability one has on the other (read, write, decrypt,
// pull, push, register, invoke, assume, pass), each decided by the IAM
// engine with the whole evaluation logic: explicit deny, SCPs and resource
// control policies, permissions boundaries, identity and resource policies
// within and across accounts, KMS key policies, and conditions evaluated
// where their keys are known. Chains of role assumptions and iam:PassRole
// to ML services extend what a principal reaches; findings are the paths
// from one tenant to another's assets, assets open outside the
// organization, and conditions that do not restrict.
package access

import (
	"sort"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/source"
)

// Node kinds.
const (
	KindRole     = "role"
	KindUser     = "user"
	KindAccount  = "account" // any principal of an account outside the platform
	KindAnyone   = "anyone"
	KindBucket   = "bucket"
	KindKey      = "kms-key"
	KindRepo     = "ecr-repository"
	KindSecret   = "secret"
	KindRegistry = "model-package-group"
	KindEndpoint = "endpoint"
	KindFeatures = "feature-group"
	KindModel    = "custom-model"
)

// Node is a principal or an asset.
type Node struct {
	ID      string       `json:"id"` // the ARN; "anyone"; the account's root ARN
	Kind    string       `json:"kind"`
	Name    string       `json:"name"`
	Account string       `json:"account,omitempty"`
	Tenant  string       `json:"tenant,omitempty"`
	Address string       `json:"address,omitempty"` // the resource in the IaC
	Range   source.Range `json:"range"`

	identity []*iam.Policy // a principal's identity policies
	boundary *iam.Policy   // its permissions boundary
	policy   *iam.Policy   // an asset's resource policy; a role's trust policy
	// key is the customer managed key a bucket or secret encrypts with;
	// keyState says what else is known of its encryption.
	key      *Node
	keyState keyState
	services []string // the service principals a role's trust policy admits
	region   string   // where the node is deployed, "" when not known
	probe    string   // the resource a capability is first asked on (see probes)
	// contexts are a principal's request keys by resource account and
	// region (see builder.context).
	contexts map[contextKey]map[string][]string
	// keyNotes say, for a key, that its key policy allows an action (the
	// same words on every edge that needs the key).
	keyNotes map[string][]string
	out      []*Edge
}

// Principal reports whether the node can act.
func (n *Node) Principal() bool {
	switch n.Kind {
	case KindRole, KindUser, KindAccount, KindAnyone:
		return true
	}
	return false
}

// Label is how reports name the node: role/x, s3://bucket, kms key alias.
func (n *Node) Label() string {
	switch n.Kind {
	case KindRole:
		return "role/" + n.Name
	case KindUser:
		return "user/" + n.Name
	case KindAnyone:
		return "anyone"
	case KindAccount:
		return "account " + n.Account
	case KindKey:
		return "key " + n.Name + " (" + n.Account + ")"
	}
	return n.Name
}

// contextKey names the request keys of a principal for a resource
// account and region.
type contextKey struct{ account, region string }

type keyState int

const (
	keyDefault    keyState = iota // SSE-S3, or the service's own encryption
	keyCustomer                   // a customer managed key of the scan: key
	keyAWSManaged                 // an AWS managed key, which no other account can use
	keyUnknown                    // not known at scan time, or a key outside the scan
)

// Edge is a capability of a principal on an asset (or on a role: assume,
// pass).
type Edge struct {
	From       *Node  `json:"-"`
	To         *Node  `json:"-"`
	Capability string `json:"capability"`
	// Conditional is set when the IAM engine allows the capability only if
	// conditions on keys not known at analysis time hold (Keys).
	Conditional bool     `json:"conditional,omitempty"`
	Keys        []string `json:"condition_keys,omitempty"`
	// Notes qualify the edge: the key policy that allows decryption, the
	// prefixes of a bucket it is limited to, why a condition does not
	// restrict.
	Notes []string `json:"notes,omitempty"`
}

// Graph is the result of an analysis.
type Graph struct {
	Nodes    []*Node   `json:"nodes"`
	Edges    []*Edge   `json:"-"`
	Findings []Finding `json:"findings"`
	// Notes say what the analysis could not evaluate: policies whose
	// content it does not have, names unknown before apply, SCP targets it
	// cannot map to accounts.
	Notes []string `json:"not_evaluated,omitempty"`

	byID map[string]*Node
	b    *builder // the policies, for queries
}

// Node returns the node with the given ID (an ARN), or nil.
func (g *Graph) Node(id string) *Node { return g.byID[id] }

func (g *Graph) add(n *Node) *Node {
	if g.byID == nil {
		g.byID = map[string]*Node{}
	}
	if old := g.byID[n.ID]; old != nil {
		return old
	}
	g.byID[n.ID] = n
	g.Nodes = append(g.Nodes, n)
	n.probe = probes(n, n, "")[0].arn
	return n
}

func (g *Graph) connect(e *Edge) {
	e.From.out = append(e.From.out, e)
	g.Edges = append(g.Edges, e)
}

func (g *Graph) note(s string) { g.Notes = append(g.Notes, s) }

// sort puts nodes, edges and notes in a stable order.
func (g *Graph) sort() {
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].ID < g.Nodes[j].ID })
	sort.SliceStable(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.From.ID != b.From.ID {
			return a.From.ID < b.From.ID
		}
		if a.To.ID != b.To.ID {
			return a.To.ID < b.To.ID
		}
		return a.Capability < b.Capability
	})
	for _, n := range g.Nodes {
		sort.SliceStable(n.out, func(i, j int) bool {
			if n.out[i].To.ID != n.out[j].To.ID {
				return n.out[i].To.ID < n.out[j].To.ID
			}
			return n.out[i].Capability < n.out[j].Capability
		})
	}
	sort.Strings(g.Notes)
	g.Notes = dedupe(g.Notes)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || s[i-1] != v {
			out = append(out, v)
		}
	}
	return out
}
