package detect

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/secrets"
)

// secretHints are substrings one of which every secret shape holds: the
// secret patterns run only on text that has one.
var secretHints = []string{"AKIA", "ASIA", "ABIA", "ACCA", "-----BEGIN", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "hf_", "sk-", "xox", "wandb", "WANDB", "eyJ"}

// jwtRe and connRe are shapes the IaC secret scanner does not look for but
// datasets hold: JSON Web Tokens and connection strings with a password.
var (
	jwtRe  = regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)
	connRe = regexp.MustCompile(`\b[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]{3,}@[^\s/]+`)
)

// triggers index the secret hints and context words by their first byte,
// so one pass over a text tells whether any is in it.
var triggers = func() (t [256][]trigger) {
	for _, h := range secretHints {
		t[h[0]] = append(t[h[0]], trigger{h, true})
	}
	for _, w := range contextWords {
		t[w[0]] = append(t[w[0]], trigger{w, false})
	}
	return t
}()

type trigger struct {
	s      string
	secret bool
}

// triggerPairs has a bit for the first two bytes of every trigger: most
// word starts begin no trigger, and one look at a bit tells.
var triggerPairs = func() (p [256][4]uint64) {
	for _, ts := range triggers {
		for _, t := range ts {
			p[t.s[0]][t.s[1]>>6] |= 1 << (t.s[1] & 63)
		}
	}
	return p
}()

// hits records the secret hints and context words a text holds.
type hits struct{ secret, context bool }

// triggersAt looks for a secret hint or a context word starting at i, a
// word start (or a space before one) whose first two bytes begin one
// (triggerPairs). The tokens pass calls it, so that the text is walked
// once.
func (f *hits) triggersAt(text string, i int) {
	for _, t := range triggers[text[i]] {
		if strings.HasPrefix(text[i:], t.s) {
			if t.secret {
				f.secret = true
			} else {
				f.context = true
			}
		}
	}
}

func findSecrets(text string, out []Match) []Match {
	for _, m := range secrets.Shapes(text) {
		out = append(out, Match{Type: Secret, Start: m.Start, End: m.End, Redacted: m.Redacted, Detail: m.Kind})
	}
	for _, loc := range jwtRe.FindAllStringIndex(text, -1) {
		out = append(out, Match{Type: Secret, Start: loc[0], End: loc[1], Redacted: secrets.Redact(text[loc[0]:loc[1]]), Detail: "JSON Web Token"})
	}
	for _, loc := range connRe.FindAllStringIndex(text, -1) {
		v := text[loc[0]:loc[1]]
		scheme, rest, _ := strings.Cut(v, "://")
		user, _, _ := strings.Cut(rest, ":")
		_, host, _ := strings.Cut(rest, "@")
		out = append(out, Match{Type: Secret, Start: loc[0], End: loc[1], Redacted: scheme + "://" + user + ":****@" + host,
			Detail: "connection string with a password"})
	}
	return out
}

// coordRe finds a latitude, longitude pair written with decimals.
var coordRe = regexp.MustCompile(`(-?\d{1,2}\.\d{3,})\s*,\s*(-?\d{1,3}\.\d{3,})`)

// findCoordinates finds latitude/longitude pairs, and in a column named
// for them, a single coordinate with enough decimals to place a person
// (four: about ten metres).
func findCoordinates(text string, h hints, out []Match) []Match {
	if !strings.Contains(text, ".") {
		return out
	}
	if h.geo {
		if f, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil && f >= -180 && f <= 180 && decimals(text) >= 4 {
			return append(out, Match{Type: Coordinates, Start: 0, End: len(text), Redacted: roundCoord(text)})
		}
	}
	if !strings.Contains(text, ",") {
		return out
	}
	for _, m := range coordRe.FindAllStringSubmatchIndex(text, -1) {
		lat, _ := strconv.ParseFloat(text[m[2]:m[3]], 64)
		lon, _ := strconv.ParseFloat(text[m[4]:m[5]], 64)
		if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			continue
		}
		if m[0] > 0 && (isDigit(text[m[0]-1]) || text[m[0]-1] == '.') {
			continue
		}
		out = append(out, Match{Type: Coordinates, Start: m[0], End: m[1],
			Redacted: roundCoord(text[m[2]:m[3]]) + ", " + roundCoord(text[m[4]:m[5]])})
	}
	return out
}

func decimals(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(strings.TrimSpace(s)) - i - 1
	}
	return 0
}

// roundCoord keeps a coordinate to one decimal (about ten kilometres).
func roundCoord(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '.'); i >= 0 && i+2 <= len(s) {
		return s[:i+2] + "***"
	}
	return s
}

// dateLayouts are the ways a date of birth is written.
var dateLayouts = []string{"2006-01-02", "02/01/2006", "01/02/2006", "2006/01/02", "02.01.2006", "January 2, 2006", "2 January 2006", "Jan 2, 2006", "2 Jan 2006"}

// parseDate reads a date; a date of birth is between 1900 and today.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil && t.Year() >= 1900 && t.Before(time.Now()) {
			return t, true
		}
	}
	return time.Time{}, false
}

// Free-text forms of what only context tells: "born on 1985-03-02",
// "DOB: 03/02/1985", "my name is Ada Lovelace", "lives at 12 Baker Street".
var (
	dobTextRe     = regexp.MustCompile(`(?i)\b(?:born(?: on)?|dob|date of birth|birth ?date|birthday)\s*[:=]?\s*([0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}|[A-Z][a-z]+ [0-9]{1,2}, [0-9]{4}|[0-9]{1,2} [A-Z][a-z]+ [0-9]{4})`)
	nameTextRe    = regexp.MustCompile(`\b(?:[Mm]y name is|[Nn]ame\s*:|I am|I'm|[Cc]ustomer|[Pp]atient|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+)+)`)
	streetSuffix  = `(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Crescent)`
	addressTextRe = regexp.MustCompile(`\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s){1,3}` + streetSuffix + `\b\.?`)
	personRe      = regexp.MustCompile(`^[\p{Lu}][\p{L}'’-]+(?:[ ,]+[\p{Lu}][\p{L}'’.-]*){0,3}$`)
)

// contextWords gate the free-text context patterns.
var contextWords = []string{"born", "Born", "DOB", "dob", "birth", "Birth", "name", "Name", "I am", "I'm", "customer", "Customer", "patient", "Patient", "Mr", "Ms", "Dr", " St", " Ave", " Road", " Rd", " Blvd", " Lane", " Ln", " Drive", " Way", " Place", " Court", " Close", " Terrace", " Crescent", " Street", " Avenue", " Boulevard"}

// byName finds the types only context tells: the whole value of a column
// named for them, or a value next to the words that name it.
func (h hints) byName(text string, context bool, out []Match) []Match {
	if !h.dob && !h.person && !h.address && !context {
		return out
	}
	v := strings.TrimSpace(text)
	switch {
	case h.dob:
		if _, ok := parseDate(v); ok {
			return append(out, Match{Type: DateOfBirth, Start: 0, End: len(text), Redacted: "****-**-**"})
		}
	case h.person && len(v) <= 80 && personRe.MatchString(v):
		return append(out, Match{Type: PersonName, Start: 0, End: len(text), Redacted: initials(v)})
	case h.address && len(v) <= 200 && hasDigit(v) && hasLetter(v):
		return append(out, Match{Type: StreetAddress, Start: 0, End: len(text), Redacted: "*** " + lastWord(v)})
	}
	if !context {
		return out
	}
	for _, m := range dobTextRe.FindAllStringSubmatchIndex(text, -1) {
		if _, ok := parseDate(text[m[2]:m[3]]); ok {
			out = append(out, Match{Type: DateOfBirth, Start: m[2], End: m[3], Redacted: "****-**-**"})
		}
	}
	for _, m := range nameTextRe.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, Match{Type: PersonName, Start: m[2], End: m[3], Redacted: initials(text[m[2]:m[3]])})
	}
	for _, loc := range addressTextRe.FindAllStringIndex(text, -1) {
		out = append(out, Match{Type: StreetAddress, Start: loc[0], End: loc[1], Redacted: "*** " + lastWord(text[loc[0]:loc[1]])})
	}
	return out
}

// initials redacts a name to its initials: "Ada Lovelace" is "A. L.".
func initials(name string) string {
	var parts []string
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == ',' || r == '-' }) {
		r := []rune(f)
		parts = append(parts, string(r[0])+".")
	}
	return strings.Join(parts, " ")
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], ".,")
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
func hasLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= 'A' && r <= 'z' }) >= 0
}
