package iam

import (
	"fmt"
	"github.com/mlguard/mlguard/internal/unknown"
	"net/netip"
	"sort"
	"strings"
)

// Trusted is what an analysis knows of the principals it trusts: the
// accounts of the platform and its organization.
type Trusted struct {
	Accounts map[string]bool // account IDs
	OrgID    string          // "" when not known
}

// Opening is a way an Allow statement of a resource or trust policy admits
// principals outside the trusted accounts: Who it admits, and Why its
// conditions do not keep them out (empty when it has none).
type Opening struct {
	Who string   // "anyone", or "account 444455556666"
	Why []string // one reason per condition that does not restrict
}

// Openings returns the outsiders an Allow statement of a resource-based
// policy admits: everyone (Principal "*", or an Allow with NotPrincipal)
// unless a condition limits the caller to known accounts, the organization
// or a network; and each account outside the trusted ones it names, unless
// a condition keeps that account out. A statement whose principals or
// actions are unknown at scan time opens nothing that can be told; an
// unknown part of its Resource (an account or region a template fills in)
// does not change whom it admits to the resource the policy is attached to.
func (s *Statement) Openings(t Trusted) []Opening {
	if !strings.EqualFold(s.Effect, "Allow") || s.actionUnknown() || s.principalUnknown() {
		return nil
	}
	var out []Opening
	anyone := s.NotPrincipal != nil || (s.Principal != nil && s.Principal.All)
	var named []string
	if s.Principal != nil && !s.Principal.All {
		for _, id := range s.Principal.IDs["AWS"] {
			acct := accountOfPrincipal(id)
			if acct == "" {
				acct = accountOf(id)
			}
			switch {
			case id == "*":
				anyone = true
			case acct != "" && !t.Accounts[acct]:
				named = append(named, acct)
			}
		}
	}
	if anyone {
		if why, open := s.conditionsAdmit(t, ""); open {
			out = append(out, Opening{Who: "anyone", Why: why})
		}
	}
	sort.Strings(named)
	for i, acct := range named {
		if i > 0 && named[i-1] == acct {
			continue
		}
		if why, open := s.conditionsAdmit(t, acct); open {
			out = append(out, Opening{Who: "account " + acct, Why: why})
		}
	}
	return out
}

// conditionsAdmit reports whether an outsider can meet every condition of
// the statement: one of an account of its choosing (acct "") or of the
// given account. why says, per condition, why it does not keep them out.
func (s *Statement) conditionsAdmit(t Trusted, acct string) (why []string, open bool) {
	ops := make([]string, 0, len(s.Condition))
	for op := range s.Condition {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		keys := make([]string, 0, len(s.Condition[op]))
		for k := range s.Condition[op] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, key := range keys {
			reason, restricts := restricts(op, key, s.Condition[op][key], t, acct)
			if restricts {
				return nil, false
			}
			why = append(why, fmt.Sprintf("%s %s: %s", op, key, reason))
		}
	}
	return why, true
}

// keyClass groups the condition keys by what an outsider can do about them.
type keyClass int

const (
	otherKey   keyClass = iota // set by the caller or the request: anyone can meet it
	accountKey                 // the caller's (or the source's) account
	arnKey                     // the caller's or the source's ARN
	orgKey                     // the caller's or the source's organization
	orgPathKey                 // the organization path
	networkKey                 // where the request comes from
	serviceKey                 // whether an AWS service calls
	userIDKey                  // the caller's unique ID (AROA…:session)
)

var keyClasses = map[string]keyClass{
	"aws:principalaccount": accountKey, "aws:sourceaccount": accountKey, "aws:sourceowner": accountKey, "kms:calleraccount": accountKey,
	"aws:principalarn": arnKey, "aws:sourcearn": arnKey,
	"aws:principalorgid": orgKey, "aws:sourceorgid": orgKey,
	"aws:principalorgpaths": orgPathKey, "aws:sourceorgpaths": orgPathKey,
	"aws:sourceip": networkKey, "aws:sourcevpc": networkKey, "aws:sourcevpce": networkKey, "aws:vpcsourceip": networkKey,
	"aws:principalisawsservice": serviceKey, "aws:principalservicename": serviceKey,
	"aws:userid": userIDKey, "s3:dataaccesspointaccount": accountKey, "s3:dataaccesspointarn": arnKey,
}

// absentForCallers are the keys a direct call by a principal does not
// carry (the source keys are set only when a service acts for someone), or
// that a principal outside any organization does not carry.
var absentForCallers = map[string]bool{
	"aws:sourceaccount": true, "aws:sourcearn": true, "aws:sourceowner": true, "aws:sourceorgid": true, "aws:sourceorgpaths": true,
	"aws:principalorgid": true, "aws:principalorgpaths": true, "aws:sourcevpc": true, "aws:sourcevpce": true, "aws:vpcsourceip": true,
	"aws:principalservicename": true,
}

// restricts decides whether one condition keeps outsiders out: callers of
// an account of their choosing when acct is "", else that account's. The
// reason says why it does not.
func restricts(op, key string, want Values, t Trusted, acct string) (reason string, ok bool) {
	lkey := strings.ToLower(key)
	class := keyClasses[lkey]
	set, base, ifExists := splitOperator(op)
	lbase := strings.ToLower(base)
	_, negated, known := comparator(base)
	switch {
	case class == otherKey:
		return "the key does not identify the caller (the caller, the request or the resource sets it), so any AWS customer can meet it", false
	case lbase == "null":
		return "a Null check only tests whether the key is present, which the caller controls", false
	case !known:
		return "an operator AWS does not define", true // it never holds
	case negated:
		return "a negated operator admits every value it does not list", false
	case (ifExists || set == "forallvalues") && absentForCallers[lkey]:
		return "the key is absent from a direct call by an outsider, and " + op + " then holds", false
	}
	like := strings.Contains(lbase, "like") || lbase == "arnequals"
	for _, w := range want {
		if strings.Contains(w, "${") {
			if !strings.Contains(strings.ToLower(w), "${aws:resourceaccount}") && !strings.Contains(strings.ToLower(w), "${aws:resourceorgid}") {
				return "its value is a policy variable the caller may control", false
			}
			continue
		}
		if r, admits := admitsValue(class, w, like, t, acct); admits {
			return r, false
		}
	}
	return "", true
}

// admitsValue reports whether one value of a condition on an identity,
// organization or network key can be met by the outsider.
func admitsValue(class keyClass, w string, like bool, t Trusted, acct string) (string, bool) {
	wild := like && strings.ContainsAny(w, "*?")
	switch class {
	case accountKey:
		if wild {
			return fmt.Sprintf("%q has a wildcard and matches accounts of other AWS customers", w), true
		}
		return fmt.Sprintf("it names account %s", w), acct != "" && w == acct
	case arnKey:
		if w == "*" {
			return "\"*\" matches every ARN", true
		}
		a := accountOf(w)
		if like && strings.ContainsAny(a, "*?") || (like && a == "" && strings.ContainsAny(w, "*?")) {
			return fmt.Sprintf("%q has a wildcard account and matches principals of any AWS account", w), true
		}
		return fmt.Sprintf("it names %s", w), acct != "" && a == acct
	case orgKey:
		if wild {
			return fmt.Sprintf("%q has a wildcard and matches other organizations", w), true
		}
		return "", false
	case orgPathKey:
		org, _, _ := strings.Cut(w, "/")
		if like && strings.ContainsAny(org, "*?") {
			return fmt.Sprintf("%q has a wildcard organization and matches other organizations' paths", w), true
		}
		return "", false
	case networkKey:
		if wild && strings.Trim(w, "*?") == "" {
			return fmt.Sprintf("%q admits every address", w), true
		}
		// As S3 Block Public Access judges them: an IPv4 range wider than
		// a /8 or an IPv6 range wider than a /32 is public.
		if p, err := netip.ParsePrefix(w); err == nil && (p.Addr().Is4() && p.Bits() < 8 || p.Addr().Is6() && p.Bits() < 32) {
			return fmt.Sprintf("%q is wider than a /8 (IPv4) or /32 (IPv6) and admits much of the internet", w), true
		}
		return "", false
	case userIDKey:
		if wild && (w == "" || strings.ContainsAny(w[:1], "*?")) {
			return fmt.Sprintf("%q does not fix the caller's unique ID", w), true
		}
		return "", false
	case serviceKey:
		if strings.EqualFold(w, "false") || wild {
			return fmt.Sprintf("%q is met by any caller that is not a service", w), true
		}
	}
	return "", false
}

// splitOperator splits ForAnyValue:StringLikeIfExists into its set
// qualifier (lower case), base operator and IfExists.
func splitOperator(op string) (set, base string, ifExists bool) {
	base = op
	if i := strings.IndexByte(op, ':'); i >= 0 {
		set, base = strings.ToLower(op[:i]), op[i+1:]
	}
	if b, ok := strings.CutSuffix(base, "IfExists"); ok && b != "" {
		base, ifExists = b, true
	}
	return set, base, ifExists
}

// actionUnknown reports an action pattern with a part unknown at scan time.
func (s *Statement) actionUnknown() bool {
	for _, vs := range []Values{s.Action, s.NotAction} {
		for _, v := range vs {
			if unknown.In(v) {
				return true
			}
		}
	}
	return false
}
