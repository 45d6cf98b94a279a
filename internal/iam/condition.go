package iam

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// conditionsHold reports whether every operator of a Condition block holds
// for the request: operators and keys are ANDed, the values of one key ORed
// (and, for the negated operators, NORed), as AWS evaluates them.
func conditionsHold(cond map[string]map[string]Values, ctx map[string][]string) bool {
	for op, keys := range cond {
		for key, want := range keys {
			if !holds(op, lookupKey(ctx, key), want, ctx) {
				return false
			}
		}
	}
	return true
}

// holds evaluates one operator on one key. An operator AWS does not define
// never holds, so a statement using it cannot grant anything by mistake.
func holds(op string, have []string, want Values, ctx map[string][]string) bool {
	set := ""
	if i := strings.IndexByte(op, ':'); i >= 0 {
		set, op = strings.ToLower(op[:i]), op[i+1:]
	}
	ifExists := false
	if base, ok := strings.CutSuffix(op, "IfExists"); ok && base != "" {
		op, ifExists = base, true
	}
	if strings.EqualFold(op, "Null") {
		absent := len(have) == 0
		for _, w := range want {
			if strings.EqualFold(w, "true") == absent {
				return true
			}
		}
		return false
	}
	cmp, negated, ok := comparator(op)
	if !ok {
		return false
	}
	if len(have) == 0 {
		switch {
		case ifExists, set == "forallvalues":
			return true
		case set == "foranyvalue":
			return false
		}
		return negated // StringNotEquals on an absent key holds
	}
	one := func(h string) bool {
		for _, w := range want {
			if w, ok := substitute(w, ctx); ok && cmp(h, w) {
				return !negated
			}
		}
		return negated
	}
	switch set {
	case "forallvalues":
		for _, h := range have {
			if !one(h) {
				return false
			}
		}
		return true
	default: // ForAnyValue, and single-valued keys
		for _, h := range have {
			if one(h) {
				return true
			}
		}
		return false
	}
}

// comparator returns the test behind an operator name and whether the
// operator is a negated one (StringNotEquals, NotIpAddress, ...).
func comparator(op string) (cmp func(have, want string) bool, negated, ok bool) {
	switch strings.ToLower(op) {
	case "stringequals":
		return func(h, w string) bool { return h == w }, false, true
	case "stringnotequals":
		return func(h, w string) bool { return h == w }, true, true
	case "stringequalsignorecase":
		return strings.EqualFold, false, true
	case "stringnotequalsignorecase":
		return strings.EqualFold, true, true
	case "stringlike":
		return func(h, w string) bool { return MatchCase(w, h) }, false, true
	case "stringnotlike":
		return func(h, w string) bool { return MatchCase(w, h) }, true, true
	case "arnequals", "arnlike":
		return arnLike, false, true
	case "arnnotequals", "arnnotlike":
		return arnLike, true, true
	case "bool":
		return func(h, w string) bool { return strings.EqualFold(h, w) }, false, true
	case "ipaddress":
		return inNetwork, false, true
	case "notipaddress":
		return inNetwork, true, true
	}
	for _, n := range []struct {
		name string
		cmp  func(c int) bool
		neg  bool
	}{
		{"equals", func(c int) bool { return c == 0 }, false},
		{"notequals", func(c int) bool { return c == 0 }, true},
		{"lessthan", func(c int) bool { return c < 0 }, false},
		{"lessthanequals", func(c int) bool { return c <= 0 }, false},
		{"greaterthan", func(c int) bool { return c > 0 }, false},
		{"greaterthanequals", func(c int) bool { return c >= 0 }, false},
	} {
		switch strings.ToLower(op) {
		case "numeric" + n.name:
			return ordered(numeric, n.cmp), n.neg, true
		case "date" + n.name:
			return ordered(date, n.cmp), n.neg, true
		}
	}
	return nil, false, false
}

// ordered compares two values parsed by parse; unparsable values never match.
func ordered[T float64 | int64](parse func(string) (T, bool), test func(int) bool) func(h, w string) bool {
	return func(h, w string) bool {
		a, ok1 := parse(h)
		b, ok2 := parse(w)
		if !ok1 || !ok2 {
			return false
		}
		switch {
		case a < b:
			return test(-1)
		case a > b:
			return test(1)
		}
		return test(0)
	}
}

func numeric(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// date reads ISO 8601 dates and times or epoch seconds, as AWS accepts.
func date(s string) (int64, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Unix(), true
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// arnLike matches an ARN against a pattern field by field, so that a *
// never spans the colons between service, region and account.
func arnLike(have, pattern string) bool {
	h := strings.SplitN(have, ":", 6)
	p := strings.SplitN(pattern, ":", 6)
	if len(h) != 6 || len(p) != 6 {
		return MatchCase(pattern, have)
	}
	for i := range p {
		if !MatchCase(p[i], h[i]) {
			return false
		}
	}
	return true
}

// inNetwork reports whether an IP address lies in a CIDR block (or equals an
// address given alone).
func inNetwork(ip, cidr string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	if !strings.Contains(cidr, "/") {
		w, err := netip.ParseAddr(cidr)
		return err == nil && w == addr
	}
	prefix, err := netip.ParsePrefix(cidr)
	return err == nil && prefix.Contains(addr)
}

// KnownOperator reports whether op is a condition operator AWS defines,
// with its optional ForAnyValue:/ForAllValues: prefix and IfExists suffix.
// A statement with any other operator never applies.
func KnownOperator(op string) bool {
	if set, rest, ok := strings.Cut(op, ":"); ok {
		if !strings.EqualFold(set, "ForAnyValue") && !strings.EqualFold(set, "ForAllValues") {
			return false
		}
		op = rest
	}
	if base, ok := strings.CutSuffix(op, "IfExists"); ok && base != "" {
		op = base
	}
	if strings.EqualFold(op, "Null") {
		return true
	}
	_, _, ok := comparator(op)
	return ok
}
