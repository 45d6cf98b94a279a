// Package detect finds personal data and secrets in text: each info type
// has a cheap candidate scan and a validation that removes look-alikes
// (Luhn and issuer ranges for cards, mod-97 for IBANs, number plans for
// phone numbers, excluded ranges for SSNs). It never keeps a value in
// clear: matches carry a redacted form.
package detect

import (
	"strings"
	"sync"
)

// Type is an info type.
type Type string

// The info types.
const (
	Email         Type = "EMAIL_ADDRESS"
	Phone         Type = "PHONE_NUMBER"
	Card          Type = "CREDIT_CARD_NUMBER"
	IBAN          Type = "IBAN_CODE"
	SSN           Type = "US_SSN"
	ITIN          Type = "US_ITIN"
	UKNIN         Type = "UK_NATIONAL_INSURANCE_NUMBER"
	CASIN         Type = "CA_SOCIAL_INSURANCE_NUMBER"
	IPPublic      Type = "IP_ADDRESS_PUBLIC"
	IPPrivate     Type = "IP_ADDRESS_PRIVATE"
	MAC           Type = "MAC_ADDRESS"
	DateOfBirth   Type = "DATE_OF_BIRTH"
	PersonName    Type = "PERSON_NAME"
	StreetAddress Type = "STREET_ADDRESS"
	Coordinates   Type = "GEO_COORDINATES"
	Secret        Type = "SECRET"
)

// Types lists every info type, in report order.
var Types = []Type{Email, Phone, Card, IBAN, SSN, ITIN, UKNIN, CASIN, IPPublic, IPPrivate, MAC, DateOfBirth, PersonName, StreetAddress, Coordinates, Secret}

// Match is one value found.
type Match struct {
	Type     Type
	Start    int // byte offsets in the text searched
	End      int
	Redacted string
	// Detail qualifies the match: the card issuer, the secret's kind, the
	// phone number's region.
	Detail string
}

// Options tune detection.
type Options struct {
	// Regions are the regions phone numbers without a country code are
	// read in (ISO 3166 codes, "US", "GB"); the first that validates wins.
	Regions []string
}

// DefaultRegions read national phone numbers as US, Canadian, Indian, UK
// or French numbers. (German numbering accepts almost any digit string of
// a plausible length, so it is not tried by default.)
var DefaultRegions = []string{"US", "CA", "IN", "GB", "FR"}

// Detector finds info types in text. It is safe for concurrent use.
type Detector struct {
	regions []string

	// Phone numbers are validated against number plans, which costs tens of
	// microseconds a number; validity depends on a number's region and all
	// but its last four digits, so it is remembered by those.
	mu     sync.Mutex
	phones map[string]string // region+prefix → region that validated, or ""
}

// maxCached bounds the memory of the caches; they start over when full.
const maxCached = 1 << 16

// New returns a detector.
func New(opts Options) *Detector {
	d := &Detector{regions: opts.Regions, phones: map[string]string{}}
	if len(d.regions) == 0 {
		d.regions = DefaultRegions
	}
	return d
}

// Find returns the values of text that are personal data or secrets.
// column, when known, is the name of the column or field the text is in:
// it enables the types only a name can tell (a date is a date of birth in
// a birth_date column) and disables look-alikes it rules out (test card
// numbers in a test_card column).
func (d *Detector) Find(text, column string) []Match {
	return d.FindIn(text, d.Column(column))
}

// Column is what a column's name says about its values; read it once per
// column with Detector.Column and search its values with FindIn.
type Column struct{ h hints }

// Column reads a column's name.
func (d *Detector) Column(name string) Column { return Column{hintsOf(name)} }

// FindIn is Find for a value of a column read with Column.
func (d *Detector) FindIn(text string, col Column) []Match {
	if len(text) == 0 {
		return nil
	}
	h := col.h
	if !h.geo && plainNumber(text) {
		return nil // counts, amounts and scores: most cells of a feature table
	}
	var out []Match
	var trig hits
	out = d.tokens(text, h, out, &trig)
	if trig.secret || strings.Contains(text, "://") {
		out = findSecrets(text, out)
	}
	out = findCoordinates(text, h, out)
	out = h.byName(text, trig.context, out)
	return dedupe(out)
}

// plainNumber reports whether text is a decimal no info type can be: an
// optional sign, digits and at most one point, and fewer digits than any
// number type has (seven without a point, twelve with one: the tokens
// pass lets such runs go as amounts and decimals too).
func plainNumber(text string) bool {
	if len(text) > 0 && text[0] == '-' {
		text = text[1:]
	}
	if len(text) == 0 || len(text) > 13 {
		return false
	}
	digits, points := 0, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && (points == 0 && digits < 7 || points == 1 && digits < 12)
}

// dedupe keeps one match per span: where matches overlap, the one of the
// stronger type (a connection string's password over the email-shaped
// user@host inside it, a card over a Canadian SIN).
func dedupe(ms []Match) []Match {
	if len(ms) < 2 {
		return ms
	}
	out := ms[:0]
	for i, m := range ms {
		drop := false
		for j, o := range ms {
			if i != j && m.Start < o.End && o.Start < m.End && (rank[o.Type] > rank[m.Type] || rank[o.Type] == rank[m.Type] && j < i) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, m)
		}
	}
	return out
}

// rank orders types for dedupe.
var rank = map[Type]int{Secret: 10, Card: 9, IBAN: 8, SSN: 7, ITIN: 7, UKNIN: 7, MAC: 6, IPPublic: 6, IPPrivate: 6,
	Email: 5, CASIN: 4, Phone: 3, DateOfBirth: 2, PersonName: 2, StreetAddress: 2, Coordinates: 1}

// hints are what a column's name says about its values.
type hints struct {
	name                       string
	dob, person, address, test bool
	ssn, sin, phone, geo       bool
}

func hintsOf(column string) hints {
	c := strings.ToLower(column)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(c, w) {
				return true
			}
		}
		return false
	}
	return hints{
		name:    c,
		dob:     has("birth", "dob", "born"),
		person:  has("first_name", "last_name", "full_name", "firstname", "lastname", "fullname", "surname", "given_name", "customer_name", "patient_name", "person", "contact_name") || c == "name",
		address: has("address", "street", "addr_line", "address_line"),
		test:    has("test", "dummy", "example", "sample"),
		ssn:     has("ssn", "social_security"),
		sin:     has("sin", "social_insurance"),
		phone:   has("phone", "mobile", "tel", "fax"),
		geo:     has("lat", "lon", "lng", "coord", "geo", "location"),
	}
}
