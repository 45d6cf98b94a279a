package access

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

// Answer is one principal of a who-can query, or one asset of a what-can
// query, with the path that gives it.
type Answer struct {
	Principal    string   `json:"principal"`
	Asset        string   `json:"asset"`
	Capabilities []string `json:"capabilities,omitempty"`
	Conditional  bool     `json:"conditional,omitempty"`
	Keys         []string `json:"condition_keys,omitempty"`
	Path         []Step   `json:"path"`
}

// WhoCan lists the principals that can perform an action on a resource:
// those the IAM engine allows directly, and those that reach one of them
// through role chains. The resource is an asset's ARN, or an object ARN of
// a bucket of the graph.
func (g *Graph) WhoCan(action, resource string) ([]Answer, error) {
	x := g.assetOf(resource)
	if x == nil {
		return nil, fmt.Errorf("%s is not an asset of the analysis (the ARN of a bucket, object, key, repository, secret, model package group, endpoint, feature group, custom model or role)", resource)
	}
	direct := map[*Node]*Edge{}
	for _, p := range g.Nodes {
		if !p.Principal() {
			continue
		}
		if p.Kind == KindAnyone || p.Kind == KindAccount {
			for _, e := range p.out {
				if e.To == x && edgeDoes(e, action) {
					direct[p] = e
				}
			}
			continue
		}
		v := g.b.judge(p, x, action, resource)
		if v.Decision == iam.Allowed {
			e := &Edge{From: p, To: x, Capability: action}
			e.merge(v)
			direct[p] = e
		}
	}
	var out []Answer
	for _, p := range g.Nodes {
		if !p.Principal() {
			continue
		}
		r := reachFrom(p)
		best := []*Edge(nil)
		found := false
		for n, via := range r.via {
			e := direct[n]
			if e == nil {
				continue
			}
			path := append(append([]*Edge(nil), via...), e)
			if !found || len(path) < len(best) || len(path) == len(best) && PathText(steps(path)) < PathText(steps(best)) {
				best, found = path, true
			}
		}
		if found {
			cond, keys := conditional(best)
			out = append(out, Answer{Principal: p.ID, Asset: x.ID, Capabilities: []string{action}, Conditional: cond, Keys: keys, Path: steps(best)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Principal < out[j].Principal })
	return out, nil
}

// edgeDoes reports whether an edge's capability includes the action.
func edgeDoes(e *Edge, action string) bool {
	for _, c := range capabilities[e.To.Kind] {
		if c.name != e.Capability {
			continue
		}
		for _, a := range c.actions {
			if strings.EqualFold(a, action) {
				return true
			}
		}
	}
	return false
}

// WhatCan lists the assets a principal can reach, with a shortest path
// to each and the capabilities it has there.
func (g *Graph) WhatCan(principal string) ([]Answer, error) {
	p := g.byID[principal]
	if p == nil || !p.Principal() {
		return nil, fmt.Errorf("%s is not a principal of the analysis (the ARN of a role or user, \"anyone\", or an account's root ARN)", principal)
	}
	var out []Answer
	for _, ra := range reachFrom(p).assets() {
		path := ra.path()
		cond, keys := conditional(path)
		out = append(out, Answer{Principal: p.ID, Asset: ra.asset.ID, Capabilities: capNames(ra.caps), Conditional: cond, Keys: keys, Path: steps(path)})
	}
	return out, nil
}

// assetOf finds the asset a resource ARN names: itself, or the bucket of
// an object ARN.
func (g *Graph) assetOf(resource string) *Node {
	if n := g.byID[resource]; n != nil && !n.Principal() || n != nil && n.Kind == KindRole {
		return n
	}
	if rest, ok := strings.CutPrefix(resource, "arn:aws:s3:::"); ok {
		bucket, _, _ := strings.Cut(rest, "/")
		return g.byID["arn:aws:s3:::"+bucket]
	}
	return nil
}
