package detect

import (
	"fmt"
	"slices"
	"testing"

	"github.com/mlguard/mlguard/internal/dataclass"
)

func found(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s %s", m.Type, m.Redacted))
	}
	return out
}

func TestFind(t *testing.T) {
	d := New(Options{})
	cases := []struct {
		text, column string
		want         []string
	}{
		{"write to ada.lovelace@example.co.uk today", "", []string{"EMAIL_ADDRESS a***@e***.uk"}},
		{"no@tld, a@b.c, @x.com, foo@bar", "", nil},
		{"call +44 20 7946 0958 or (415) 555-2671", "", []string{"PHONE_NUMBER +** ** **** **58", "PHONE_NUMBER (***) ***-**71"}},
		{"order 2024-03-01 12:30, build 10.0.19045, id 4155552671", "", nil},
		{"123-456-7890", "product_code", nil}, // area code 123 is no US area code
		{"4155552671", "phone", []string{"PHONE_NUMBER ********71"}},
		{"card 4539 1488 0343 6467 exp 12/29", "", []string{"CREDIT_CARD_NUMBER 4539 **** **** 6467"}},
		{"4539148803436468", "", nil},          // fails Luhn
		{"4111111111111111", "", nil},          // a published test number
		{"5425233430109903", "test_card", nil}, // any number in a test column
		{"378282246310005 is amex test; 371449635398431 too", "", nil},
		{"IBAN DE89 3704 0044 0532 0130 00 and GB82WEST12345698765432", "", []string{"IBAN_CODE DE89**************3000", "IBAN_CODE GB82**************5432"}},
		{"DE89 3704 0044 0532 0130 01", "", nil}, // mod-97 fails
		{"SSN 536-22-1234, ITIN 912-70-1234", "", []string{"US_SSN ***-**-1234", "US_ITIN ***-**-1234"}},
		{"666-12-3456 000-12-3456 536-00-1234 912-40-1234", "", nil},
		{"536221234", "ssn", []string{"US_SSN *****1234"}},
		{"NI number QQ 12 34 56 C? no: AB 12 34 56 C", "", []string{"UK_NATIONAL_INSURANCE_NUMBER AB ** ** ** C"}},
		{"GB123456A BG123456A", "", nil},
		{"SIN 130 692 544", "", []string{"CA_SOCIAL_INSURANCE_NUMBER *** *** 544"}},
		{"046 454 286", "", nil}, // the example SIN: 0 is never assigned
		{"046 454 287", "", nil},
		{"from 203.0.113.7 via 10.1.2.3 and 2001:db8::8a2e:370:7334", "", []string{"IP_ADDRESS_PUBLIC 203.*.*.*", "IP_ADDRESS_PRIVATE 10.*.*.*", "IP_ADDRESS_PUBLIC 2001:****"}},
		{"nic 00:1A:2b:3C:4d:5E", "", []string{"MAC_ADDRESS 00:1A:2b:**:**:**"}},
		{"uuid 123e4567-e89b-12d3-a456-426614174000 v1.2.3", "", nil},
		{"1985-03-02", "date_of_birth", []string{"DATE_OF_BIRTH ****-**-**"}},
		{"1985-03-02", "created_at", nil},
		{"she was born on 1985-03-02 in Leeds", "", []string{"DATE_OF_BIRTH ****-**-**"}},
		{"Ada Lovelace", "full_name", []string{"PERSON_NAME A. L."}},
		{"Hello, my name is Grace Hopper.", "", []string{"PERSON_NAME G. H."}},
		{"12 Baker Street, London", "shipping_address", []string{"STREET_ADDRESS *** London"}},
		{"deliver to 221B Baker Street please", "", []string{"STREET_ADDRESS *** Street"}},
		{"at 51.5007, -0.1246 now", "", []string{"GEO_COORDINATES 51.5***, -0.1***"}},
		{"-0.124611", "longitude", []string{"GEO_COORDINATES -0.1***"}},
		{"key AKIAIOSFODNN7EXAMPLE", "", []string{"SECRET AKIA************"}},
		{"postgres://app:hunter2pw@db.internal:5432/x", "", []string{"SECRET postgres://app:****@db.internal:5432"}},
		{"token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "", []string{"SECRET eyJh************"}},
	}
	for _, tc := range cases {
		if got := found(d.Find(tc.text, tc.column)); !slices.Equal(got, tc.want) {
			t.Errorf("Find(%q, %q) = %q, want %q", tc.text, tc.column, got, tc.want)
		}
	}
}

// TestClassNames keeps the info types the infrastructure side accepts in
// classifications equal to the detectors'.
func TestClassNames(t *testing.T) {
	var got []string
	for _, ty := range Types {
		got = append(got, string(ty))
	}
	slices.Sort(got)
	if !slices.Equal(got, dataclass.InfoTypes) {
		t.Errorf("dataclass.InfoTypes = %v, want the detectors' %v", dataclass.InfoTypes, got)
	}
}
