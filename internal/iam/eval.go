package iam

import (
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/unknown"
)

// Request is one API call to decide: who asks to do what to which resource,
// with the request's condition keys.
type Request struct {
	Principal string // the caller's ARN (matched against resource policies' Principal)
	Action    string // service:Action, matched without regard to case
	Resource  string // the resource ARN, matched with regard to case
	// Context holds the request's condition keys and their values; key names
	// are matched without regard to case, as AWS does.
	Context map[string][]string
	// Open says that a key absent from Context is not known, rather than
	// known to be absent: conditions on it may hold (Judge says so); a key
	// known to be absent is then present in Context with no values.
	Open bool
}

// Decision is the outcome of evaluating a request.
type Decision int

// The decisions, as AWS names them.
const (
	ImplicitDeny Decision = iota
	Allowed
	ExplicitDeny
)

func (d Decision) String() string {
	return [...]string{"implicit deny", "allow", "explicit deny"}[d]
}

// Policies are the policies that govern one request.
type Policies struct {
	Identity []*Policy // the principal's identity policies
	// Boundary is the principal's permissions boundary; nil means none.
	Boundary *Policy
	// SCPs are the service control policies on the account's path; nil
	// means the account is not governed by any (each level of an
	// organization would be one entry that must allow).
	SCPs []*Policy
	// RCPs are the resource control policies on the resource account's
	// path, which must allow as SCPs must.
	RCPs []*Policy
	// Resource is the resource's policy (bucket, key, repository); nil means none.
	Resource *Policy
	// CrossAccount is set when the resource belongs to another account than
	// the principal: then both an identity and a resource policy must allow.
	CrossAccount bool
	// KeyPolicy is set when Resource is a KMS key policy. KMS grants nothing
	// a key policy does not: identity policies count only when the key policy
	// lets the key's account in (its root or its ID), and a key without a
	// policy (nil) is usable by no one.
	KeyPolicy bool
}

// Evaluate decides a request as AWS's policy evaluation logic does for one
// account or across two: an explicit deny in any policy wins; every SCP and
// the boundary must allow; then an allow from an identity policy or (within
// one account) from the resource policy grants the request. Statements with
// parts unknown at scan time never match.
func Evaluate(req Request, p Policies) Decision {
	req.Open = false
	return Judge(req, p).Decision
}

// Verdict is a decision and what it rests on. With Request.Open, a
// statement whose conditions test keys the request does not carry, or whose
// parts are unknown at scan time, may or may not apply: an allow that rests
// on one is Conditional, and a deny that may apply makes an allow Conditional.
type Verdict struct {
	Decision    Decision
	Conditional bool
	// Keys are the condition keys (or "(known after apply)") the decision
	// turns on when it is Conditional, sorted.
	Keys []string
}

// Judge decides a request as Evaluate does, in three values when the request
// is Open: what certainly applies decides, and what may apply makes an allow
// conditional on the keys it names.
func Judge(req Request, p Policies) Verdict {
	j := judging{req: req}
	deny := j.any(p.Boundary, "Deny", identityPolicy).or(j.any(p.Resource, "Deny", byAccount))
	for _, group := range [][]*Policy{p.Identity, p.SCPs, p.RCPs} {
		for _, pol := range group {
			deny = deny.or(j.any(pol, "Deny", identityPolicy))
		}
	}
	if deny == yes {
		return Verdict{Decision: ExplicitDeny}
	}
	orgs := yes
	for _, group := range [2][]*Policy{p.SCPs, p.RCPs} {
		for _, pol := range group {
			orgs = orgs.and(j.any(pol, "Allow", identityPolicy))
		}
	}
	identity := no
	for _, pol := range p.Identity {
		identity = identity.or(j.any(pol, "Allow", identityPolicy))
	}
	// Within one account a resource policy grants on its own only to the
	// principals it names (or to everyone); naming the account delegates
	// to the account's identity policies. Across accounts the resource
	// policy may name the caller's account: its identity policy must
	// allow as well.
	resource := j.any(p.Resource, "Allow", byName)
	if p.CrossAccount {
		resource = j.any(p.Resource, "Allow", byAccount)
	}
	if p.KeyPolicy && identity != no && !p.CrossAccount {
		identity = identity.and(j.delegates(p.Resource))
	}
	boundary := yes
	if p.Boundary != nil {
		boundary = j.any(p.Boundary, "Allow", identityPolicy)
	}
	var grant tri
	if p.CrossAccount {
		grant = identity.and(boundary).and(resource)
	} else {
		// Within one account a resource policy that names the principal
		// grants the request even without an identity allow.
		grant = resource.or(identity.and(boundary))
	}
	switch orgs.and(grant).and(deny.not()) {
	case yes:
		return Verdict{Decision: Allowed}
	case maybe:
		return Verdict{Decision: Allowed, Conditional: true, Keys: j.sortedKeys()}
	}
	return Verdict{Decision: ImplicitDeny}
}

// judging evaluates the statements of one request, gathering the keys that
// left a statement undecided.
type judging struct {
	req  Request
	keys map[string]bool
}

func (j *judging) sortedKeys() []string {
	out := make([]string, 0, len(j.keys))
	for k := range j.keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// any reports whether a statement of the given effect in pol applies.
func (j *judging) any(pol *Policy, effect string, n naming) tri {
	return j.anyFor(pol, &j.req, effect, n)
}

func (j *judging) anyFor(pol *Policy, req *Request, effect string, n naming) tri {
	found := no
	if pol == nil {
		return no
	}
	for i := range pol.Statements {
		if found = found.or(j.applies(pol, i, req, effect, n)); found == yes {
			return yes
		}
	}
	return found
}

// delegates reports whether a key policy allows the caller's whole account
// the request, which is what lets IAM policies of that account grant it.
func (j *judging) delegates(keyPolicy *Policy) tri {
	acct := accountOf(j.req.Principal)
	if acct == "" {
		return no
	}
	root := j.req
	root.Principal = "arn:aws:iam::" + acct + ":root"
	return j.anyFor(keyPolicy, &root, "Allow", byAccount)
}

// Applying returns the indexes of pol's statements of the given effect that
// apply to req (action, resource and conditions), as Evaluate matches
// identity policies and SCPs: which statement of an SCP denies a call.
func Applying(pol *Policy, req Request, effect string) []int {
	if pol == nil {
		return nil
	}
	var out []int
	req.Open = false
	j := judging{req: req}
	for i := range pol.Statements {
		if j.applies(pol, i, &req, effect, identityPolicy) != no {
			out = append(out, i)
		}
	}
	return out
}

// applies reports whether statement i of pol applies to the request, or
// may (with Request.Open).
func (j *judging) applies(pol *Policy, i int, req *Request, effect string, n naming) tri {
	resourceBased := n != identityPolicy
	s := &pol.Statements[i]
	if !strings.EqualFold(s.Effect, effect) {
		return no
	}
	t := yes
	if !pol.known && (s.HasUnknown() || (resourceBased && s.principalUnknown())) {
		if !req.Open {
			return no
		}
		// An unknown part may be anything: the statement may apply
		// wherever its known parts do.
		t = maybe
		j.note(unknown.Placeholder)
		s = s.widened()
	}
	if !s.AllowsAction(req.Action) || !s.coversResource(*req) {
		return no
	}
	if resourceBased && (pol.known || !s.principalUnknown()) {
		if names, direct := s.namesPrincipal(req.Principal); !names || n == byName && !direct {
			return no
		}
	}
	return t.and(j.conditions(s.Condition, *req))
}

func (j *judging) note(key string) {
	if j.keys == nil {
		j.keys = map[string]bool{}
	}
	j.keys[key] = true
}

// coversResource matches Resource or NotResource after substituting policy
// variables (${aws:username}) from the request; a variable the request does
// not carry makes its pattern match nothing.
func (s *Statement) coversResource(req Request) bool {
	if len(s.Resource) == 0 && len(s.NotResource) == 0 {
		return true // resource-based policies may leave it out
	}
	match := func(patterns Values) bool {
		for _, p := range patterns {
			if p, ok := substitute(p, req.Context); ok && MatchCase(p, req.Resource) {
				return true
			}
		}
		return false
	}
	if len(s.NotResource) > 0 {
		return !match(s.NotResource)
	}
	return match(s.Resource)
}

// naming says which principals a policy's statements must name to apply.
type naming int

const (
	identityPolicy naming = iota // no Principal: the policy is the caller's own
	byAccount                    // the caller, everyone, or the caller's account
	byName                       // the caller or everyone, not only its account
)

// namesPrincipal reports whether Principal (or NotPrincipal) lets the
// caller in, and whether directly (by its ARN, or everyone) rather than by
// naming its whole account.
func (s *Statement) namesPrincipal(arn string) (names, direct bool) {
	in := func(p *Principal) (bool, bool) {
		if p == nil {
			return false, false
		}
		if p.All {
			return true, true
		}
		viaAccount := false
		for _, id := range p.IDs["AWS"] {
			if id == "*" || id == arn {
				return true, true
			}
			viaAccount = viaAccount || (isAccount(id) && accountOf(arn) == accountOfPrincipal(id))
		}
		for _, id := range p.IDs["Service"] {
			if id == arn {
				return true, true
			}
		}
		return viaAccount, false
	}
	if s.NotPrincipal != nil {
		names, _ := in(s.NotPrincipal)
		return !names, true
	}
	return in(s.Principal)
}

// isAccount reports whether a principal names a whole account: an account
// ID or its root ARN, which AWS reads as every principal of the account.
func isAccount(id string) bool {
	return accountOfPrincipal(id) != ""
}

func accountOfPrincipal(id string) string {
	if len(id) == 12 && strings.Trim(id, "0123456789") == "" {
		return id
	}
	if strings.HasPrefix(id, "arn:") && strings.HasSuffix(id, ":root") {
		return accountOf(id)
	}
	return ""
}

// accountOf returns the account field of an ARN: the text between its
// fourth and fifth colons.
func accountOf(arn string) string {
	rest := arn
	for range 4 {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return ""
		}
		rest = rest[i+1:]
	}
	if i := strings.IndexByte(rest, ':'); i >= 0 {
		return rest[:i]
	}
	return rest
}

// substitute replaces policy variables in a pattern with the request's
// values; ${*}, ${?} and ${$} stand for the literal characters.
func substitute(pattern string, ctx map[string][]string) (string, bool) {
	if !strings.Contains(pattern, "${") {
		return pattern, true
	}
	var b strings.Builder
	for {
		i := strings.Index(pattern, "${")
		if i < 0 {
			b.WriteString(pattern)
			return b.String(), true
		}
		j := strings.IndexByte(pattern[i:], '}')
		if j < 0 {
			b.WriteString(pattern)
			return b.String(), true
		}
		b.WriteString(pattern[:i])
		name := pattern[i+2 : i+j]
		switch name {
		case "*", "?", "$":
			b.WriteString(name)
		default:
			v := lookupKey(ctx, name)
			if len(v) != 1 {
				return "", false
			}
			b.WriteString(v[0])
		}
		pattern = pattern[i+j+1:]
	}
}

// lookupKey finds a condition key without regard to case.
func lookupKey(ctx map[string][]string, key string) []string {
	v, _ := lookupPresent(ctx, key)
	return v
}

// lookupPresent finds a condition key without regard to case and says
// whether the request carries it at all.
func lookupPresent(ctx map[string][]string, key string) ([]string, bool) {
	if v, ok := ctx[key]; ok {
		return v, true
	}
	for k, v := range ctx {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// widened returns a copy of the statement whose unknown parts of actions
// and resources are wildcards.
func (s *Statement) widened() *Statement {
	w := *s
	for _, vs := range []*Values{&w.Action, &w.NotAction, &w.Resource, &w.NotResource} {
		if len(*vs) == 0 {
			continue
		}
		out := make(Values, len(*vs))
		for i, v := range *vs {
			out[i] = strings.ReplaceAll(v, unknown.Placeholder, "*")
		}
		*vs = out
	}
	return &w
}
