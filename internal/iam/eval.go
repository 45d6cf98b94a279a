package iam

import (
	"strings"
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
	if matches(p.Boundary, req, "Deny", false) || matches(p.Resource, req, "Deny", true) {
		return ExplicitDeny
	}
	for _, group := range [][]*Policy{p.Identity, p.SCPs} {
		for _, pol := range group {
			if matches(pol, req, "Deny", false) {
				return ExplicitDeny
			}
		}
	}
	for _, scp := range p.SCPs {
		if !matches(scp, req, "Allow", false) {
			return ImplicitDeny
		}
	}
	identity := false
	for _, pol := range p.Identity {
		identity = identity || matches(pol, req, "Allow", false)
	}
	resource := matches(p.Resource, req, "Allow", true)
	if p.KeyPolicy && identity && !p.CrossAccount {
		identity = delegates(p.Resource, req)
	}
	boundary := p.Boundary == nil || matches(p.Boundary, req, "Allow", false)
	switch {
	case p.CrossAccount:
		if identity && boundary && resource {
			return Allowed
		}
	case resource:
		// Within one account a resource policy that names the principal
		// grants the request even without an identity allow.
		return Allowed
	case identity && boundary:
		return Allowed
	}
	return ImplicitDeny
}

// delegates reports whether a key policy allows the caller's whole account
// the request, which is what lets IAM policies of that account grant it.
func delegates(keyPolicy *Policy, req Request) bool {
	acct := accountOf(req.Principal)
	if acct == "" {
		return false
	}
	root := req
	root.Principal = "arn:aws:iam::" + acct + ":root"
	return matches(keyPolicy, root, "Allow", true)
}

// matches reports whether a statement of the given effect in pol applies to
// the request; resource-based statements must also name the principal.
func matches(pol *Policy, req Request, effect string, resourceBased bool) bool {
	found := false
	applying(pol, req, effect, resourceBased, func(int) bool { found = true; return false })
	return found
}

// Applying returns the indexes of pol's statements of the given effect that
// apply to req (action, resource and conditions), as Evaluate matches
// identity policies and SCPs: which statement of an SCP denies a call.
func Applying(pol *Policy, req Request, effect string) []int {
	var out []int
	applying(pol, req, effect, false, func(i int) bool { out = append(out, i); return true })
	return out
}

// applying calls fn with each statement that applies, until fn returns false.
func applying(pol *Policy, req Request, effect string, resourceBased bool, fn func(int) bool) {
	if pol == nil {
		return
	}
	for i := range pol.Statements {
		s := &pol.Statements[i]
		if !strings.EqualFold(s.Effect, effect) || s.HasUnknown() {
			continue
		}
		if !s.AllowsAction(req.Action) || !s.coversResource(req) {
			continue
		}
		if resourceBased && !s.namesPrincipal(req.Principal) {
			continue
		}
		if conditionsHold(s.Condition, req.Context) && !fn(i) {
			return
		}
	}
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

// namesPrincipal reports whether Principal (or NotPrincipal) lets the caller in.
func (s *Statement) namesPrincipal(arn string) bool {
	in := func(p *Principal) bool {
		if p == nil {
			return false
		}
		if p.All {
			return true
		}
		for _, id := range p.IDs["AWS"] {
			if id == "*" || id == arn || (isAccount(id) && accountOf(arn) == accountOfPrincipal(id)) {
				return true
			}
		}
		for _, id := range p.IDs["Service"] {
			if id == arn {
				return true
			}
		}
		return false
	}
	if s.NotPrincipal != nil {
		return !in(s.NotPrincipal)
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

// accountOf returns the account field of an ARN.
func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 5 {
		return ""
	}
	return parts[4]
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
	if v, ok := ctx[key]; ok {
		return v
	}
	for k, v := range ctx {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}
