package iam

import "github.com/mlguard/mlguard/internal/unknown"

// tri is a truth value of three-valued logic: a statement applies, does
// not, or may (its conditions test keys the analysis does not know).
type tri int8

const (
	no tri = iota
	maybe
	yes
)

func (t tri) and(o tri) tri { return min(t, o) }
func (t tri) or(o tri) tri  { return max(t, o) }
func (t tri) not() tri      { return yes - t }

// conditions evaluates a Condition block in three values: a key the request
// carries (even as known to be absent) is decided; with Request.Open, a key
// it does not carry leaves its operator undecided.
func (j *judging) conditions(cond map[string]map[string]Values, req Request) tri {
	t := yes
	for op, keys := range cond {
		for key, want := range keys {
			have, present := lookupPresent(req.Context, key)
			switch {
			case !present && req.Open:
				t = t.and(maybe)
				j.note(key)
			case !holds(op, have, want, req.Context):
				return no
			}
			if req.Open && !substitutable(want, req.Context) {
				t = t.and(maybe)
				j.note(key)
			}
		}
	}
	return t
}

// substitutable reports whether every policy variable in the values can be
// replaced from the request.
func substitutable(want Values, ctx map[string][]string) bool {
	for _, w := range want {
		if _, ok := substitute(w, ctx); !ok {
			return false
		}
	}
	return true
}

// principalUnknown reports whether a resource-based statement names a
// principal that is unknown at scan time.
func (s *Statement) principalUnknown() bool {
	for _, p := range []*Principal{s.Principal, s.NotPrincipal} {
		if p == nil {
			continue
		}
		for _, ids := range p.IDs {
			for _, id := range ids {
				if unknown.In(id) {
					return true
				}
			}
		}
	}
	return false
}
