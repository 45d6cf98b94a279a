package detect

import (
	"strconv"
	"strings"
)

// luhn reports whether a string of digits passes the Luhn check.
func luhn(digits string) bool {
	sum, double := 0, false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// issuers are the card number ranges of the networks: a prefix range and
// the lengths its numbers have.
var issuers = []struct {
	name     string
	lo, hi   int // prefix range, inclusive, of prefix length len(strconv.Itoa(lo))
	lengths  []int
	prefixes int
}{
	{"Visa", 4, 4, []int{13, 16, 19}, 1},
	{"Mastercard", 51, 55, []int{16}, 2},
	{"Mastercard", 2221, 2720, []int{16}, 4},
	{"American Express", 34, 34, []int{15}, 2},
	{"American Express", 37, 37, []int{15}, 2},
	{"Discover", 6011, 6011, []int{16, 19}, 4},
	{"Discover", 644, 649, []int{16, 19}, 3},
	{"Discover", 65, 65, []int{16, 19}, 2},
	{"JCB", 3528, 3589, []int{16, 17, 18, 19}, 4},
	{"Diners Club", 300, 305, []int{14, 16, 19}, 3},
	{"Diners Club", 36, 36, []int{14, 16, 19}, 2},
	{"Diners Club", 38, 39, []int{14, 16, 19}, 2},
	{"UnionPay", 62, 62, []int{16, 17, 18, 19}, 2},
	{"Maestro", 6759, 6759, []int{12, 13, 14, 15, 16, 17, 18, 19}, 4},
}

// testCards are the numbers payment providers publish for testing; they
// are not anyone's card.
var testCards = map[string]bool{
	"4111111111111111": true, "4242424242424242": true, "4012888888881881": true, "4000056655665556": true,
	"5555555555554444": true, "5105105105105100": true, "2223003122003222": true, "5200828282828210": true,
	"378282246310005": true, "371449635398431": true, "378734493671000": true,
	"6011111111111117": true, "6011000990139424": true, "3530111333300000": true, "3566002020360505": true,
	"30569309025904": true, "38520000023237": true, "6200000000000005": true,
}

// card validates a payment card number: 12 to 19 digits written plainly or
// in groups of spaces or dashes, in an issuer's range and length, passing
// Luhn. Published test numbers, and any number in a column named for test
// data, are not cards.
func card(run, digits string, h hints) (Match, bool) {
	if len(digits) < 12 || len(digits) > 19 || strings.ContainsAny(run, ".()+/") {
		return Match{}, false
	}
	if strings.Contains(run, " ") && strings.Contains(run, "-") {
		return Match{}, false
	}
	issuer := issuerOf(digits)
	if issuer == "" || !luhn(digits) || testCards[digits] || h.test {
		return Match{}, false
	}
	return Match{Type: Card, Redacted: digits[:4] + " **** **** " + digits[len(digits)-4:], Detail: issuer}, true
}

func issuerOf(digits string) string {
	for _, is := range issuers {
		p, err := strconv.Atoi(digits[:is.prefixes])
		if err != nil || p < is.lo || p > is.hi {
			continue
		}
		for _, l := range is.lengths {
			if l == len(digits) {
				return is.name
			}
		}
	}
	return ""
}

// ssnOrITIN validates a US Social Security number or Individual Taxpayer
// Identification Number: ddd-dd-dddd (or nine digits in an ssn column).
// Area 000, 666 and 900-999 are never SSNs; group 00 and serial 0000 are
// never issued. ITINs are 9dd-dd-dddd with group 50-65, 70-88, 90-92 or
// 94-99.
func ssnOrITIN(run, digits string, h hints) (Type, bool) {
	if len(digits) != 9 {
		return "", false
	}
	formatted := len(run) == 11 && run[3] == '-' && run[6] == '-' || len(run) == 11 && run[3] == ' ' && run[6] == ' '
	if !formatted && !(h.ssn && run == digits) {
		return "", false
	}
	area, _ := strconv.Atoi(digits[:3])
	group, _ := strconv.Atoi(digits[3:5])
	serial, _ := strconv.Atoi(digits[5:])
	if group == 0 || serial == 0 {
		return "", false
	}
	if area >= 900 {
		if group >= 50 && group <= 65 || group >= 70 && group <= 88 || group >= 90 && group <= 92 || group >= 94 {
			return ITIN, true
		}
		return "", false
	}
	if area == 0 || area == 666 {
		return "", false
	}
	if digits == "123456789" || digits == "078051120" { // examples printed everywhere
		return "", false
	}
	return SSN, true
}

// sin validates a Canadian Social Insurance Number: ddd ddd ddd or
// ddd-ddd-ddd (nine digits in a sin column), passing Luhn, not starting
// with 0 or 8 (never assigned).
func sin(run, digits string, h hints) bool {
	if len(digits) != 9 || digits[0] == '0' || digits[0] == '8' {
		return false
	}
	formatted := len(run) == 11 && (run[3] == ' ' && run[7] == ' ' || run[3] == '-' && run[7] == '-')
	if !formatted && !(h.sin && run == digits) {
		return false
	}
	return luhn(digits)
}

// ibanLengths are the lengths of IBANs per country (ISO 13616 registry).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
	"BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
	"ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
	"HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
	"LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
	"MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
	"RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// ibanOrNIN reads an IBAN (country, check digits, then letters and digits,
// in groups of four or not; the country's length and mod-97 check) or a UK
// National Insurance number at i. n is the length read.
func ibanOrNIN(text string, i int) (m Match, n int, ok bool) {
	if i+9 > len(text) || !isUpper(text[i+1]) {
		return Match{}, 0, false
	}
	if isDigit(text[i+2]) && isDigit(text[i+3]) {
		if m, n, ok := iban(text, i); ok {
			return m, n, true
		}
	}
	return nin(text, i)
}

func iban(text string, i int) (Match, int, bool) {
	want, known := ibanLengths[text[i:i+2]]
	if !known {
		return Match{}, 0, false
	}
	var b strings.Builder
	j := i
	for j < len(text) && b.Len() < want {
		c := text[j]
		switch {
		case isUpper(c) || isDigit(c):
			b.WriteByte(c)
		case c == ' ' && (j-i)%5 == 4:
		default:
			return Match{}, 0, false
		}
		j++
	}
	if b.Len() != want || j < len(text) && isWord(text[j]) {
		return Match{}, 0, false
	}
	s := b.String()
	if !mod97(s[4:] + s[:4]) {
		return Match{}, 0, false
	}
	return Match{Type: IBAN, Start: i, End: j, Redacted: s[:4] + strings.Repeat("*", len(s)-8) + s[len(s)-4:], Detail: s[:2]}, j - i, true
}

// mod97 computes an IBAN's check: letters as 10-35, the number mod 97 is 1.
func mod97(s string) bool {
	r := 0
	for k := 0; k < len(s); k++ {
		c := s[k]
		var v int
		switch {
		case isDigit(c):
			v = int(c - '0')
			r = (r*10 + v) % 97
		case isUpper(c):
			v = int(c-'A') + 10
			r = (r*100 + v) % 97
		default:
			return false
		}
	}
	return r == 1
}

// ninBadPrefix are the prefixes HMRC never issues.
var ninBadPrefix = map[string]bool{"BG": true, "GB": true, "NK": true, "KN": true, "TN": true, "NT": true, "ZZ": true}

// nin reads a UK National Insurance number: two letters (not D, F, I, Q, U
// or V; not O second), six digits, a letter A-D, with optional spaces
// between the pairs.
func nin(text string, i int) (Match, int, bool) {
	// Two letters, then (after a space, perhaps) a digit: most capitalised
	// words are not one, and are let go before anything is built.
	if !digitAt(text, i+2) && !(i+2 < len(text) && text[i+2] == ' ' && digitAt(text, i+3)) {
		return Match{}, 0, false
	}
	var b strings.Builder
	j := i
	for j < len(text) && b.Len() < 9 {
		c := text[j]
		if c == ' ' && b.Len() >= 2 && b.Len() <= 8 && b.Len()%2 == 0 {
			j++
			continue
		}
		if !isUpper(c) && !isDigit(c) {
			break
		}
		b.WriteByte(c)
		j++
	}
	s := b.String()
	if len(s) != 9 || j < len(text) && isWord(text[j]) {
		return Match{}, 0, false
	}
	if strings.IndexByte("DFIQUV", s[0]) >= 0 || strings.IndexByte("DFIQUVO", s[1]) >= 0 || ninBadPrefix[s[:2]] {
		return Match{}, 0, false
	}
	for k := 2; k < 8; k++ {
		if !isDigit(s[k]) {
			return Match{}, 0, false
		}
	}
	if s[8] < 'A' || s[8] > 'D' {
		return Match{}, 0, false
	}
	return Match{Type: UKNIN, Start: i, End: j, Redacted: s[:2] + " ** ** ** " + s[8:]}, j - i, true
}

func digitAt(text string, i int) bool { return i < len(text) && isDigit(text[i]) }
