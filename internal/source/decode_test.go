package source

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestDecodeError: decoder errors are said in the file's own terms.
func TestDecodeError(t *testing.T) {
	type cfg struct {
		Rules   []string `yaml:"rules"`
		Reason  string   `yaml:"reason"`
		Enabled bool     `yaml:"enabled"`
	}
	cases := []struct{ in, want string }{
		{"rule: [x]\n", "line 1: unknown key rule"},
		{"rules: 3\n", "line 1: expected a list, found a number"},
		{"reason: [a]\n", "line 1: expected a string, found a list"},
		{"enabled: [a]\n", "line 1: expected true or false, found a list"},
		{"{\"rules\": [\n", "not valid JSON at line 2, column 1: unexpected end of JSON input"},
	}
	for _, c := range cases {
		dec := yaml.NewDecoder(strings.NewReader(c.in))
		dec.KnownFields(true)
		var v cfg
		err := dec.Decode(&v)
		if err == nil {
			t.Errorf("%q: no error", c.in)
			continue
		}
		if got := DecodeError([]byte(c.in), err); !strings.Contains(got, c.want) || strings.Contains(got, "yaml:") || strings.Contains(got, "source.cfg") {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}
