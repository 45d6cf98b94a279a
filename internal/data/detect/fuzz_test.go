package detect

import (
	"strings"
	"testing"
)

// FuzzFind runs every detector on any text: matches lie inside the text,
// and no match gives back the text it matched (values are redacted).
func FuzzFind(f *testing.F) {
	for _, s := range []string{"ada@example.com +44 20 7946 0958 4539 1488 0343 6467", "DE89 3704 0044 0532 0130 00 536-22-1234",
		"AB 12 34 56 C 130 692 544 2001:db8::1 00:1A:2b:3C:4d:5E", "born on 1985-03-02, my name is Grace Hopper, 12 Baker Street",
		"51.5007, -0.1246 AKIAIOSFODNN7EXAMPLE postgres://u:pw123@h/db"} {
		f.Add(s, "notes")
	}
	d := New(Options{})
	f.Fuzz(func(t *testing.T, text, column string) {
		for _, m := range d.Find(text, column) {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End {
				t.Fatalf("match %+v outside a text of %d bytes", m, len(text))
			}
			if v := strings.TrimSpace(text[m.Start:m.End]); len(v) >= 8 && m.Redacted == v {
				t.Fatalf("%s not redacted: %q", m.Type, v)
			}
		}
	})
}
