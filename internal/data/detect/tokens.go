package detect

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// The candidate scan walks the text once. Only three kinds of place can
// start a value of a token type: an '@' (an email), a run of digits and
// number separators (cards, phone numbers, SSNs, SINs, IPv4), and a run of
// letters and digits with colons (IPv6, MAC) or capital letters followed by
// digits (IBAN, UK National Insurance numbers). Each candidate is then
// validated; most text is skipped at the cost of one byte comparison.

func (d *Detector) tokens(text string, h hints, out []Match, trig *hits) []Match {
	for i := 0; i < len(text); {
		c := text[i]
		// Secret hints and context words start words (or are a space or
		// a dash before one): looked for here, in the same walk.
		if (c == ' ' || (c == '-' || isAlpha(c)) && (i == 0 || !isWord(text[i-1]))) && i+1 < len(text) &&
			triggerPairs[c][text[i+1]>>6]&(1<<(text[i+1]&63)) != 0 {
			trig.triggersAt(text, i)
		}
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

// Character classes, as bits of one table lookup: the tokens pass asks
// them of every byte.
const (
	cDigit = 1 << iota
	cUpper
	cLower
	cHex
	cUnderscore
)

var ctype = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit | cHex
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cUpper
		t[c+'a'-'A'] = cLower
	}
	for c := 'A'; c <= 'F'; c++ {
		t[c] |= cHex
		t[c+'a'-'A'] |= cHex
	}
	t['_'] = cUnderscore
	return t
}()

func isDigit(c byte) bool { return ctype[c]&cDigit != 0 }
func isUpper(c byte) bool { return ctype[c]&cUpper != 0 }
func isAlpha(c byte) bool { return ctype[c]&(cUpper|cLower) != 0 }
func isWord(c byte) bool  { return ctype[c]&(cDigit|cUpper|cLower|cUnderscore) != 0 }
func isHex(c byte) bool   { return ctype[c]&cHex != 0 }

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
	n, dots := 0, 0
	for i := 0; i < len(run); i++ {
		switch {
		case isDigit(run[i]):
			n++
		case run[i] == '.':
			dots++
		}
	}
	// Most numbers in data are amounts, scores and counts: fewer than seven
	// digits and not a dotted quad, they can be none of the types.
	if n < 7 && dots != 3 {
		return out
	}
	onlyDots := n+dots == len(run)
	if dots == 3 && onlyDots {
		if ip, ok := ipv4(run); ok {
			return append(out, ipMatch(ip, start, end))
		}
	}
	// Decimals (0.627883) and versions (10.0.19045) are neither.
	if onlyDots && dots >= 1 && n < 12 || looksLikeDate(run) {
		return out
	}
	digits := digitsOf(run)
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
	if countDigits(s) == len(s) {
		return s // nothing to drop: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// firstGroups returns the first three groups of digits of a run, and how
// many groups it has (up to four).
func firstGroups(run string) (g [3]string, n int) {
	for i := 0; i < len(run) && n < 4; {
		if !isDigit(run[i]) {
			i++
			continue
		}
		j := i
		for j < len(run) && isDigit(run[j]) {
			j++
		}
		if n < 3 {
			g[n] = run[i:j]
		}
		n++
		i = j
	}
	return g, n
}

// looksLikeDate rules out dates and times (2024-03-01, 01/03/2024,
// 2024-03-01 12), which are digit runs phone numbers resemble.
func looksLikeDate(run string) bool {
	g, n := firstGroups(run)
	if n < 3 {
		return false
	}
	year := func(g string) bool { return len(g) == 4 && (g[0] == '1' || g[0] == '2') }
	small := func(g string) bool { return len(g) >= 1 && len(g) <= 2 }
	return year(g[0]) && small(g[1]) && small(g[2]) || small(g[0]) && small(g[1]) && year(g[2])
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
	// Validity depends on a number's region and all but its last four
	// digits (and, nationally, on how it is grouped): it is remembered by
	// those.
	key := digits[:len(digits)-4]
	if intl {
		key = "+" + key
	} else if nanpGrouped(run) {
		key = "=" + key
	}
	d.mu.Lock()
	region, seen := d.phones[key]
	d.mu.Unlock()
	if !seen {
		region = d.validPhone(run, digits, intl)
		d.mu.Lock()
		if len(d.phones) >= maxCached {
			clear(d.phones)
		}
		d.phones[key] = region
		d.mu.Unlock()
	}
	return region, region != ""
}

// nanpGrouped reports the 3-3-4 grouping of North American numbers.
func nanpGrouped(run string) bool {
	g, n := firstGroups(run)
	return n == 3 && len(g[0]) == 3 && len(g[1]) == 3 && len(g[2]) == 4
}

// validPhone asks the number plans whether a number is valid, and where.
// The number is built from its digits rather than parsed from its text:
// libphonenumber's parser costs tens of microseconds a number, and the
// validity check alone a few.
func (d *Detector) validPhone(run, digits string, intl bool) string {
	if intl {
		for n := 1; n <= 3 && n < len(digits); n++ {
			cc, _ := strconv.Atoi(digits[:n])
			if phonenumbers.GetRegionCodeForCountryCode(cc) == "ZZ" {
				continue
			}
			pn := number(cc, digits[n:])
			if pn != nil && phonenumbers.IsValidNumber(pn) {
				return phonenumbers.GetRegionCodeForNumber(pn)
			}
			return ""
		}
		return ""
	}
	// A national number with a trunk prefix (0...) is not a North American
	// one, and one without is not from a region that dials one.
	trunk := digits[0] == '0'
	nanp := nanpGrouped(run)
	for _, r := range d.regions {
		isNANP := r == "US" || r == "CA"
		if trunk == (isNANP || r == "IN") || nanp && !isNANP {
			continue
		}
		national := digits
		switch {
		case isNANP && len(national) == 11 && national[0] == '1':
			national = national[1:]
		case trunk:
			national = national[1:]
		}
		if isNANP && (len(national) != 10 || national[0] < '2' || national[3] < '2') {
			continue // an area code or exchange that starts with 0 or 1
		}
		pn := number(phonenumbers.GetCountryCodeForRegion(r), national)
		if pn != nil && phonenumbers.IsValidNumberForRegion(pn, r) {
			return r
		}
	}
	return ""
}

// number builds a phone number from its country code and national digits.
func number(cc int, national string) *phonenumbers.PhoneNumber {
	n, err := strconv.ParseUint(national, 10, 64)
	if err != nil || cc == 0 || national == "" {
		return nil
	}
	c := int32(cc)
	pn := &phonenumbers.PhoneNumber{CountryCode: &c, NationalNumber: &n}
	if national[0] == '0' { // Italian numbers keep their leading zero
		lz := true
		pn.ItalianLeadingZero = &lz
	}
	return pn
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
	// A MAC address or an IPv6 address has a separator within its first
	// five characters; a number or a word rarely does.
	k := i
	for k < len(text) && k-i < 4 && isHex(text[k]) {
		k++
	}
	if k == len(text) || text[k] != ':' && text[k] != '-' {
		return i
	}
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
