package iam

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, value string
		want           bool
	}{
		{"s3:*", "s3:GetObject", true},
		{"S3:get*", "s3:GetObject", true},
		{"s3:Get?bject", "s3:GetObject", true},
		{"s3:Put*", "s3:GetObject", false},
		{"*", "anything", true},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"", "", true},
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.value); got != c.want {
			t.Errorf("Match(%q, %q) = %v", c.pattern, c.value, got)
		}
	}
}

func TestCoversService(t *testing.T) {
	for p, want := range map[string]bool{"s3:*": true, "s3*": true, "*": true, "*:*": true, "s3:Get*": false, "s3:GetObject": false, "sagemaker:*": false} {
		if got := CoversService(p, "s3"); got != want {
			t.Errorf("CoversService(%q, s3) = %v", p, got)
		}
	}
}

func TestParseShapes(t *testing.T) {
	cases := []string{
		`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["*"],"Principal":"*"}]}`,
		`{"Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:iam::*:*","Principal":{"AWS":["arn:aws:iam::1:root"],"Service":"sagemaker.amazonaws.com"},"Condition":{"Bool":{"aws:SecureTransport":false}}}]}`,
	}
	for _, c := range cases {
		p, err := Parse([]byte(c))
		if err != nil || len(p.Statements) != 1 {
			t.Errorf("Parse(%s) = %v, %v", c, p, err)
		}
	}
	if _, err := Parse([]byte(`{"Statement":"nope"}`)); err == nil {
		t.Error("want an error for a string statement")
	}
}

func TestManagedPolicyName(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:iam::aws:policy/AmazonSageMakerFullAccess":              "AmazonSageMakerFullAccess",
		"arn:aws-cn:iam::aws:policy/AdministratorAccess":                 "AdministratorAccess",
		"arn:aws:iam::aws:policy/service-role/AmazonSageMakerFullAccess": "AmazonSageMakerFullAccess",
		"arn:aws:iam::111122223333:policy/AdministratorAccess":           "",
	} {
		if got := ManagedPolicyName(arn); got != want {
			t.Errorf("ManagedPolicyName(%s) = %q", arn, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`))
	f.Add([]byte(`{"Statement":{"Principal":"*"}}`))
	f.Add([]byte(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ml-*"},"ForAllValues:StringEquals":{"aws:PrincipalOrgPaths":["o-1/*"]}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if p, err := Parse(data); err == nil {
			for i := range p.Statements {
				p.Statements[i].GrantsService("s3")
				p.Statements[i].OnAllResources()
			}
			// Any policy, in any role, decides a request without panicking.
			req := Request{"arn:aws:iam::111122223333:role/r", "s3:GetObject", "arn:aws:s3:::b/k",
				map[string][]string{"aws:SourceIp": {"203.0.113.7"}, "aws:username": {"alice"}, "aws:TagKeys": {"a", "b"}}, false}
			Evaluate(req, Policies{Identity: []*Policy{p}, Boundary: p, SCPs: []*Policy{p}, Resource: p})
			// And in three values, with keys not known, and as a key policy
			// across accounts; and which outsiders it admits.
			req.Open = true
			v := Judge(req, Policies{Identity: []*Policy{p}, RCPs: []*Policy{p}, Resource: p, KeyPolicy: true, CrossAccount: true})
			if v.Conditional && v.Decision != Allowed {
				t.Fatalf("conditional %v", v.Decision)
			}
			for i := range p.Statements {
				p.Statements[i].Openings(Trusted{Accounts: map[string]bool{"111122223333": true}, OrgID: "o-1"})
			}
		}
	})
}

func FuzzMatch(f *testing.F) {
	f.Add("s3:*", "s3:GetObject")
	f.Add("a*b*c*d*e*", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab")
	f.Fuzz(func(t *testing.T, p, v string) {
		// The allocation-free ASCII folding must agree with lower-casing.
		if got, want := Match(p, v), match(strings.ToLower(p), strings.ToLower(v), false); ascii(p) && ascii(v) && got != want {
			t.Fatalf("Match(%q, %q) = %v, lower-cased %v", p, v, got, want)
		}
	})
}

func TestStatementActionResourceCondition(t *testing.T) {
	p, err := Parse([]byte(`{"Statement":[
		{"Effect":"Allow","Action":["iam:Pass*"],"Resource":"arn:aws:iam::*:role/*"},
		{"Effect":"Allow","NotAction":["iam:*"],"NotResource":"arn:aws:s3:::secret/*","Condition":{"StringEquals":{"AWS:SourceAccount":"1"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	a, n := &p.Statements[0], &p.Statements[1]
	cases := []struct {
		name      string
		got, want bool
	}{
		{"pattern allows", a.AllowsAction("iam:PassRole"), true},
		{"pattern does not allow", a.AllowsAction("iam:CreateRole"), false},
		{"NotAction excludes", n.AllowsAction("iam:PassRole"), false},
		{"NotAction allows the rest", n.AllowsAction("s3:GetObject"), true},
		{"resource pattern covers", a.CoversResource("arn:aws:iam::1:role/admin"), true},
		{"resource pattern misses", a.CoversResource("arn:aws:iam::1:user/admin"), false},
		{"NotResource excludes", n.CoversResource("arn:aws:s3:::secret/key"), false},
		{"NotResource covers the rest", n.CoversResource("arn:aws:s3:::data/key"), true},
		{"condition key in any case", n.HasConditionKey("aws:SourceArn", "aws:SourceAccount"), true},
		{"no condition", a.HasConditionKey("aws:SourceAccount"), false},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %v", c.name, c.got)
		}
	}
}
