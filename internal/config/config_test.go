package config

import (
	"strings"
	"testing"
)

func TestDataClassification(t *testing.T) {
	for _, c := range []struct {
		name, in, err string
		want          []string // location, classes and source of each entry
	}{
		{name: "forms", in: "disabled_rules: []\ndata_classification:\n  s3://crm/exports/: [email_address, PHONE_NUMBER]\n  acme-archive: personal\n",
			want: []string{"s3://crm/exports/ [EMAIL_ADDRESS PHONE_NUMBER] .mlguard.yaml:3", "acme-archive [personal] .mlguard.yaml:4"}},
		{name: "resource", in: "data_classification:\n  resource:module.data.aws_s3_bucket.*: personal\n",
			want: []string{" [personal] .mlguard.yaml:2"}},
		{name: "bad pattern", in: "data_classification:\n  \"resource:[\": personal\n", err: "line 2: data_classification: \"resource:[\": want resource: and a pattern"},
		{name: "unknown class", in: "data_classification:\n  s3://crm: [SHOE_SIZE]\n", err: "line 2: data_classification s3://crm: unknown class \"SHOE_SIZE\""},
		{name: "empty", in: "data_classification:\n  s3://crm: []\n", err: "line 2: data_classification s3://crm: name what it holds"},
		{name: "bad location", in: "data_classification:\n  ftp://crm: personal\n", err: "line 2: data_classification: \"ftp://crm\": unknown scheme"},
		{name: "not a map", in: "data_classification: [a]\n", err: "line 1: expected a mapping"},
	} {
		cfg, err := Parse(".mlguard.yaml", []byte(c.in))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, e := range cfg.Classification.Entries() {
			got = append(got, e.Location.String()+" ["+strings.Join(e.Classes, " ")+"] "+e.Source)
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: entries\n%s\nwant\n%s", c.name, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}
