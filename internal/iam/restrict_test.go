package iam

import (
	"strings"
	"testing"
)

// TestOpenings: which conditions keep principals of other AWS customers
// out of a statement that grants to "*" (or to a named outside account).
func TestOpenings(t *testing.T) {
	trusted := Trusted{Accounts: map[string]bool{"111122223333": true, "222233334444": true}, OrgID: "o-abc123"}
	stmt := func(principal, cond string) string {
		s := `{"Statement": {"Effect": "Allow", "Principal": ` + principal + `, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"`
		if cond != "" {
			s += `, "Condition": ` + cond
		}
		return s + `}}`
	}
	cases := []struct {
		name, principal, cond string
		want                  string // the Who of each opening, joined; "" for none
		why                   string // a part of the first reason
	}{
		{"anyone without condition", `"*"`, "", "anyone", ""},
		{"organization ID", `"*"`, `{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}`, "", ""},
		{"organization wildcard", `"*"`, `{"StringLike": {"aws:PrincipalOrgID": "o-*"}}`, "anyone", "matches other organizations"},
		{"ARN with wildcard account", `"*"`, `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/ml-*"}}`, "anyone", "wildcard account"},
		{"ARN in a known account", `"*"`, `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ml-*"}}`, "", ""},
		{"role name only", `{"AWS": "*"}`, `{"StringLike": {"aws:PrincipalArn": "*:role/ml-*"}}`, "anyone", "wildcard"},
		{"user agent", `"*"`, `{"StringEquals": {"aws:UserAgent": "ml-pipeline"}}`, "anyone", "does not identify the caller"},
		{"referer", `"*"`, `{"StringLike": {"aws:Referer": "https://ml.example.com/*"}}`, "anyone", "does not identify the caller"},
		{"null check", `"*"`, `{"Null": {"aws:PrincipalOrgID": "false"}}`, "anyone", "Null check"},
		{"source account if exists", `"*"`, `{"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}`, "anyone", "absent from a direct call"},
		{"for all values over an absent key", `"*"`, `{"ForAllValues:StringEquals": {"aws:PrincipalOrgPaths": ["o-abc123/r-1/ou-ml/"]}}`, "anyone", "absent"},
		{"negated account", `"*"`, `{"StringNotEquals": {"aws:PrincipalAccount": "999988887777"}}`, "anyone", "negated"},
		{"account equals", `"*"`, `{"StringEquals": {"aws:PrincipalAccount": ["111122223333"]}}`, "", ""},
		{"source VPC endpoint", `"*"`, `{"StringEquals": {"aws:SourceVpce": "vpce-1a2b"}}`, "", ""},
		{"any address", `"*"`, `{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}`, "anyone", "wider than a /8"},
		{"a /16", `"*"`, `{"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}}`, "", ""},
		{"an access point account", `"*"`, `{"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}`, "", ""},
		{"restricting and non-restricting together", `"*"`, `{"StringEquals": {"aws:PrincipalOrgID": "o-abc123", "aws:UserAgent": "x"}}`, "", ""},
		{"named outside account", `{"AWS": "arn:aws:iam::444455556666:root"}`, "", "account 444455556666", ""},
		{"named outside account kept out by the organization", `{"AWS": "444455556666"}`, `{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}`, "", ""},
		{"known account", `{"AWS": "arn:aws:iam::111122223333:role/x"}`, "", "", ""},
		{"service principal", `{"Service": "sagemaker.amazonaws.com"}`, "", "", ""},
	}
	for _, c := range cases {
		p := mustParse(t, stmt(c.principal, c.cond))
		ops := p.Statements[0].Openings(trusted)
		var who []string
		for _, o := range ops {
			who = append(who, o.Who)
		}
		if got := strings.Join(who, ","); got != c.want {
			t.Errorf("%s: opens to %q, want %q", c.name, got, c.want)
			continue
		}
		if c.why != "" && (len(ops) == 0 || len(ops[0].Why) == 0 || !strings.Contains(ops[0].Why[0], c.why)) {
			t.Errorf("%s: reasons %v, want one with %q", c.name, ops, c.why)
		}
	}
}

// TestOpeningsUnknownParts: an account or region a template fills into the
// Resource does not change whom a statement admits; unknown principals or
// actions do, and open nothing that can be told.
func TestOpeningsUnknownParts(t *testing.T) {
	for _, c := range []struct {
		name, stmt, want string
	}{
		{"resource not known", `{"Effect": "Allow", "Principal": "*", "Action": "es:*", "Resource": "arn:aws:es:(known after apply):(known after apply):domain/d/*"}`, "anyone"},
		{"action not known", `{"Effect": "Allow", "Principal": "*", "Action": "(known after apply)", "Resource": "*"}`, ""},
		{"principal not known", `{"Effect": "Allow", "Principal": {"AWS": "(known after apply)"}, "Action": "es:*", "Resource": "*"}`, ""},
	} {
		p := mustParse(t, `{"Statement": `+c.stmt+`}`)
		var who []string
		for _, o := range p.Statements[0].Openings(Trusted{}) {
			who = append(who, o.Who)
		}
		if got := strings.Join(who, ","); got != c.want {
			t.Errorf("%s: opens to %q, want %q", c.name, got, c.want)
		}
	}
}
