package detect

import (
	"net/netip"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// The candidate scan walks the text once. Only three kinds of place can
// start a value of a token type: an '@' (an email), a run of digits and
// number separators (cards, phone numbers, SSNs, SINs, IPv4), and a run of
// letters and digits with colons (IPv6, MAC) or capital letters followed by
// digits (IBAN, UK National Insurance numbers). Each candidate is then
// validated; most text is skipped at the cost of one byte comparison.

func (d *Detector) tokens(text string, h hints, out []Match) []Match {
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '@':
			if m, ok := email(text, i); ok {
				out = append(out, m)
			}
			i++
		case isDigit(c) || c == '+' || c == '(':
			if e := hexColonRun(text, i); e > i && (i == 0 || !isWord(text[i-1])) {
				if m, ok := hexColon(text[i:e], i); ok {
					out = append(out, m)
					i = e
					continue
				}
			}
			end, number := numberRun(text, i)
			if number {
				out = d.numbers(text, i, end, h, out)
			}
			i = max(end, i+1)
		case isHex(c) && (i == 0 || !isWord(text[i-1])):
			end := hexColonRun(text, i)
			if end > i {
				if m, ok := hexColon(text[i:end], i); ok {
					out = append(out, m)
				}
			}
			if isUpper(c) {
				if m, n, ok := ibanOrNIN(text, i); ok {
					out = append(out, m)
					i += n
					continue
				}
			}
			i = max(end, i+1)
			for i < len(text) && isWord(text[i]) {
				i++
			}
		case isAlpha(c) && (i == 0 || !isWord(text[i-1])):
			if isUpper(c) {
				if m, n, ok := ibanOrNIN(text, i); ok {
					out = append(out, m)
					i += n
					continue
				}
			}
			for i++; i < len(text) && isWord(text[i]); i++ {
			}
		default:
			i++
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isWord(c byte) bool  { return isAlpha(c) || isDigit(c) || c == '_' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// numberRun is the end of a run of digits and the characters numbers are
// written with (spaces, dashes, dots, parentheses, a leading +), trimmed
// of trailing separators. A run that touches a letter is part of a word
// (an order ID, a product code) and is not a number: number is false and
// end is where the word ends.
func numberRun(text string, i int) (end int, number bool) {
	if i > 0 && (isAlpha(text[i-1]) || text[i-1] == '_') {
		return skipWord(text, i), false
	}
	j, digits := i, 0
	for j < len(text) {
		c := text[j]
		switch {
		case isDigit(c):
			digits++
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' && j == i || c == '/':
			if c == ' ' && j+1 < len(text) && text[j+1] == ' ' {
				goto end
			}
		default:
			goto end
		}
		j++
	}
end:
	for j > i && !isDigit(text[j-1]) && text[j-1] != ')' {
		j--
	}
	// A run that goes on into letters, directly or through a joining
	// dash (a UUID, a product code), is part of a word, not a number.
	if digits < 4 || j < len(text) && (isWord(text[j]) ||
		strings.IndexByte("-./", text[j]) >= 0 && j+1 < len(text) && isAlpha(text[j+1])) {
		return skipWord(text, i), false
	}
	return j, true
}

func skipWord(text string, i int) int {
	for i < len(text) && (isWord(text[i]) || text[i] == '-' || text[i] == '.') {
		i++
	}
	return i
}

// numbers validates a run of digits as the number types it may be.
func (d *Detector) numbers(text string, start, end int, h hints, out []Match) []Match {
	run := text[start:end]
	digits := digitsOf(run)
	if ip, ok := ipv4(run); ok {
		return append(out, ipMatch(ip, start, end))
	}
	if looksLikeDate(run) || looksLikeVersion(run) {
		return out
	}
	if m, ok := card(run, digits, h); ok {
		m.Start, m.End = start, end
		return append(out, m)
	}
	if t, ok := ssnOrITIN(run, digits, h); ok {
		return append(out, Match{Type: t, Start: start, End: end, Redacted: maskDigits(run, 4)})
	}
	if sin(run, digits, h) {
		return append(out, Match{Type: CASIN, Start: start, End: end, Redacted: maskDigits(run, 3)})
	}
	if region, ok := d.phone(run, digits, h); ok {
		return append(out, Match{Type: Phone, Start: start, End: end, Redacted: maskDigits(run, 2), Detail: region})
	}
	return out
}

func digitsOf(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// looksLikeDate rules out dates and times (2024-03-01, 01/03/2024,
// 2024-03-01 12), which are digit runs phone numbers resemble.
func looksLikeDate(run string) bool {
	groups := splitGroups(run)
	if len(groups) < 3 {
		return false
	}
	g0, g1, g2 := groups[0], groups[1], groups[2]
	year := func(g string) bool { return len(g) == 4 && (g[0] == '1' || g[0] == '2') }
	small := func(g string) bool { return len(g) >= 1 && len(g) <= 2 }
	return year(g0) && small(g1) && small(g2) || small(g0) && small(g1) && year(g2)
}

// looksLikeVersion rules out dotted versions (1.2.3, 10.0.19045).
func looksLikeVersion(run string) bool {
	return !strings.ContainsAny(run, " -()+/") && strings.Count(run, ".") >= 1 && len(digitsOf(run)) < 12
}

// splitGroups splits a run at its separators.
func splitGroups(run string) []string {
	return strings.FieldsFunc(run, func(r rune) bool { return r < '0' || r > '9' })
}

// maskDigits masks every digit but the last keep.
func maskDigits(s string, keep int) string {
	n := len(digitsOf(s))
	b := []byte(s)
	for i := range b {
		if isDigit(b[i]) {
			if n > keep {
				b[i] = '*'
			}
			n--
		}
	}
	return string(b)
}

// phone validates a run as a phone number: one written with a country code
// (+44 ...), or a national number with the separators numbers are written
// with (or in a phone column), valid in one of the regions.
func (d *Detector) phone(run, digits string, h hints) (string, bool) {
	if len(digits) < 7 || len(digits) > 15 {
		return "", false
	}
	intl := strings.HasPrefix(run, "+")
	formatted := strings.ContainsAny(run, " -().")
	if !intl && !formatted && !h.phone {
		return "", false
	}
	if intl {
		n, err := phonenumbers.Parse(run, "")
		if err == nil && phonenumbers.IsValidNumber(n) {
			return phonenumbers.GetRegionCodeForNumber(n), true
		}
		return "", false
	}
	// A national number with a trunk prefix (0...) is not a North American
	// one, and one without is not from a region that dials one.
	// The 3-3-4 grouping is North America's.
	trunk := digits[0] == '0'
	g := splitGroups(run)
	nanp := len(g) == 3 && len(g[0]) == 3 && len(g[1]) == 3 && len(g[2]) == 4
	for _, r := range d.regions {
		if trunk == (r == "US" || r == "CA" || r == "IN") || nanp && r != "US" && r != "CA" {
			continue
		}
		n, err := phonenumbers.Parse(run, r)
		if err == nil && phonenumbers.IsValidNumberForRegion(n, r) {
			return r, true
		}
	}
	return "", false
}

// ipv4 reads a dotted quad.
func ipv4(run string) (netip.Addr, bool) {
	if strings.Count(run, ".") != 3 || strings.ContainsAny(run, " -()+/") {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(run)
	return a, err == nil && a.Is4()
}

func ipMatch(a netip.Addr, start, end int) Match {
	t := IPPublic
	if a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsUnspecified() || a.IsMulticast() {
		t = IPPrivate
	}
	s := a.String()
	red := s
	if a.Is4() {
		if i := strings.IndexByte(s, '.'); i > 0 {
			red = s[:i] + ".*.*.*"
		}
	} else if i := strings.IndexByte(s, ':'); i > 0 {
		red = s[:i] + ":****"
	}
	return Match{Type: t, Start: start, End: end, Redacted: red}
}

// hexColonRun is the end of a run of hex digits, colons and dashes (IPv6
// addresses, MAC addresses), or i when there is none.
func hexColonRun(text string, i int) int {
	j, seps := i, 0
	for j < len(text) && (isHex(text[j]) || text[j] == ':' || text[j] == '-' || text[j] == '.') {
		if text[j] == ':' || text[j] == '-' {
			seps++
		}
		j++
	}
	if seps < 2 || j < len(text) && isWord(text[j]) {
		return i
	}
	for j > i && !isHex(text[j-1]) {
		j--
	}
	return j
}

// hexColon validates a MAC address or an IPv6 address.
func hexColon(run string, start int) (Match, bool) {
	if len(run) == 17 && (strings.Count(run, ":") == 5 || strings.Count(run, "-") == 5) {
		ok := true
		for k := 0; k < 17; k++ {
			if k%3 == 2 {
				ok = ok && (run[k] == ':' || run[k] == '-') && run[k] == run[2]
			} else {
				ok = ok && isHex(run[k])
			}
		}
		if ok {
			return Match{Type: MAC, Start: start, End: start + len(run), Redacted: run[:8] + ":**:**:**"}, true
		}
	}
	if strings.Count(run, ":") >= 2 && !strings.Contains(run, "-") {
		if a, err := netip.ParseAddr(run); err == nil && a.Is6() {
			return ipMatch(a, start, start+len(run)), true
		}
	}
	return Match{}, false
}

func email(text string, at int) (Match, bool) {
	s := at
	for s > 0 && localChar(text[s-1]) {
		s--
	}
	e := at + 1
	for e < len(text) && (isWord(text[e]) || text[e] == '-' || text[e] == '.') {
		e++
	}
	for e > at+1 && text[e-1] == '.' {
		e--
	}
	local, domain := text[s:at], text[at+1:e]
	if local == "" || local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return Match{}, false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return Match{}, false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return Match{}, false
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 {
		return Match{}, false
	}
	for k := 0; k < len(tld); k++ {
		if !isAlpha(tld[k]) {
			return Match{}, false
		}
	}
	red := local[:1] + "***@" + domain[:1] + "***." + tld
	return Match{Type: Email, Start: s, End: e, Redacted: red}, true
}

func localChar(c byte) bool {
	return isWord(c) || strings.IndexByte(".%+-", c) >= 0
}
