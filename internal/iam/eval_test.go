package iam

import "testing"

func mustParse(t testing.TB, doc string) *Policy {
	t.Helper()
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatalf("%v: %s", err, doc)
	}
	return p
}

// TestEvaluate follows the cases of AWS's policy evaluation logic
// documentation: explicit deny, implicit deny, boundaries, SCPs, resource
// policies within and across accounts, NotAction/NotResource, conditions
// and policy variables.
func TestEvaluate(t *testing.T) {
	const (
		alice  = "arn:aws:iam::111122223333:user/alice"
		outsid = "arn:aws:iam::444455556666:role/partner"
		object = "arn:aws:s3:::ml-data/alice/train.csv"
	)
	s3All := `{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`
	cases := []struct {
		name string
		req  Request
		p    func(t testing.TB) Policies
		want Decision
	}{
		{"identity allow", Request{alice, "s3:GetObject", object, nil, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, s3All)}}
		}, Allowed},
		{"nothing allows", Request{alice, "s3:GetObject", object, nil, false}, func(t testing.TB) Policies { return Policies{} }, ImplicitDeny},
		{"explicit deny wins", Request{alice, "s3:DeleteObject", object, nil, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, s3All), mustParse(t, `{"Statement": {"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}}`)}}
		}, ExplicitDeny},
		{"boundary narrows", Request{alice, "s3:PutObject", object, nil, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, s3All)}, Boundary: mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`)}
		}, ImplicitDeny},
		{"SCP must allow", Request{alice, "sagemaker:CreateTrainingJob", "arn:aws:sagemaker:eu-west-1:111122223333:training-job/x", nil, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`)},
				SCPs: []*Policy{mustParse(t, `{"Statement": {"Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*"}}`)}}
		}, ImplicitDeny},
		{"resource policy grants within the account", Request{alice, "s3:GetObject", object, nil, false}, func(t testing.TB) Policies {
			return Policies{Resource: mustParse(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "`+alice+`"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-data/*"}}`)}
		}, Allowed},
		{"across accounts both must allow", Request{outsid, "s3:GetObject", object, nil, false}, func(t testing.TB) Policies {
			return Policies{CrossAccount: true, Resource: mustParse(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-data/*"}}`)}
		}, ImplicitDeny},
		{"across accounts with both", Request{outsid, "s3:GetObject", object, nil, false}, func(t testing.TB) Policies {
			return Policies{CrossAccount: true, Identity: []*Policy{mustParse(t, s3All)},
				Resource: mustParse(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-data/*"}}`)}
		}, Allowed},
		{"resource policy deny for everyone but one", Request{alice, "s3:GetObject", object, nil, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, s3All)},
				Resource: mustParse(t, `{"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/etl"}, "Action": "s3:*", "Resource": "arn:aws:s3:::ml-data/*"}}`)}
		}, ExplicitDeny},
		{"NotAction allow leaves IAM out", Request{alice, "iam:CreateUser", "arn:aws:iam::111122223333:user/bob", nil, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, `{"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}`)}}
		}, ImplicitDeny},
		{"NotResource", Request{alice, "s3:GetObject", "arn:aws:s3:::secrets/key", nil, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secrets/*"}}`)}}
		}, ImplicitDeny},
		{"home folder through ${aws:username}", Request{alice, "s3:GetObject", object, map[string][]string{"aws:username": {"alice"}}, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-data/${aws:username}/*"}}`)}}
		}, Allowed},
		{"someone else's folder", Request{alice, "s3:GetObject", "arn:aws:s3:::ml-data/bob/x", map[string][]string{"aws:username": {"alice"}}, false}, func(t testing.TB) Policies {
			return Policies{Identity: []*Policy{mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-data/${aws:username}/*"}}`)}}
		}, ImplicitDeny},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Evaluate(c.req, c.p(t)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

// TestConditions covers the operators: string, ARN, IP, numeric, date,
// Bool, Null, IfExists and the set qualifiers.
// TestKeyPolicy follows KMS's rule that the key policy is the root of
// access: IAM policies grant only what the key policy delegates to the account.
func TestKeyPolicy(t *testing.T) {
	const (
		role = "arn:aws:iam::111122223333:role/training"
		key  = "arn:aws:kms:us-east-1:111122223333:key/k1"
	)
	identity := mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}}`)
	rootOnly := mustParse(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}}`)
	roleOnly := mustParse(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "kms:*", "Resource": "*"}}`)
	direct := mustParse(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "`+role+`"}, "Action": "kms:Decrypt", "Resource": "*"}}`)
	partner := mustParse(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "kms:Decrypt", "Resource": "*"}}`)
	cases := []struct {
		name string
		req  string
		p    Policies
		want Decision
	}{
		{"delegated to the account", role, Policies{Identity: []*Policy{identity}, Resource: rootOnly, KeyPolicy: true}, Allowed},
		{"not delegated: the IAM policy is not enough", role, Policies{Identity: []*Policy{identity}, Resource: roleOnly, KeyPolicy: true}, ImplicitDeny},
		{"no key policy", role, Policies{Identity: []*Policy{identity}, KeyPolicy: true}, ImplicitDeny},
		{"the key policy names the role", role, Policies{Resource: direct, KeyPolicy: true}, Allowed},
		{"an ordinary resource policy does not need delegation", role, Policies{Identity: []*Policy{identity}, Resource: roleOnly}, Allowed},
		{"another account: key policy and its IAM policy", "arn:aws:iam::444455556666:role/serving", Policies{Identity: []*Policy{identity}, Resource: partner, KeyPolicy: true, CrossAccount: true}, Allowed},
		{"another account without its IAM policy", "arn:aws:iam::444455556666:role/serving", Policies{Resource: partner, KeyPolicy: true, CrossAccount: true}, ImplicitDeny},
	}
	for _, c := range cases {
		if got := Evaluate(Request{Principal: c.req, Action: "kms:Decrypt", Resource: key}, c.p); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestConditions(t *testing.T) {
	cases := []struct {
		name string
		cond string
		ctx  map[string][]string
		want bool
	}{
		{"IpAddress in", `{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`, map[string][]string{"aws:SourceIp": {"203.0.113.7"}}, true},
		{"IpAddress out", `{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.1"]}}`, map[string][]string{"aws:sourceip": {"192.0.2.1"}}, false},
		{"NotIpAddress", `{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`, map[string][]string{"aws:SourceIp": {"192.0.2.1"}}, true},
		{"StringLike", `{"StringLike": {"s3:prefix": ["home/*", "public/*"]}}`, map[string][]string{"s3:prefix": {"public/a"}}, true},
		{"StringEquals absent", `{"StringEquals": {"aws:PrincipalOrgID": "o-1"}}`, nil, false},
		{"StringNotEquals absent", `{"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}}`, nil, true},
		{"StringEqualsIfExists absent", `{"StringEqualsIfExists": {"sagemaker:DirectInternetAccess": "Disabled"}}`, nil, true},
		{"StringEqualsIfExists present", `{"StringEqualsIfExists": {"sagemaker:DirectInternetAccess": "Disabled"}}`, map[string][]string{"sagemaker:DirectInternetAccess": {"Enabled"}}, false},
		{"StringEqualsIgnoreCase", `{"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "ML"}}`, map[string][]string{"aws:PrincipalTag/team": {"ml"}}, true},
		{"ArnLike", `{"ArnLike": {"aws:SourceArn": "arn:aws:sagemaker:*:111122223333:training-job/*"}}`, map[string][]string{"aws:SourceArn": {"arn:aws:sagemaker:eu-west-1:111122223333:training-job/nightly"}}, true},
		{"ArnLike fields", `{"ArnLike": {"aws:SourceArn": "arn:aws:sagemaker:*:111122223333:*"}}`, map[string][]string{"aws:SourceArn": {"arn:aws:sagemaker:eu-west-1:444455556666:x/111122223333:y"}}, false},
		{"Bool", `{"Bool": {"aws:SecureTransport": "false"}}`, map[string][]string{"aws:SecureTransport": {"false"}}, true},
		{"Null true", `{"Null": {"aws:TokenIssueTime": "true"}}`, nil, true},
		{"Null false", `{"Null": {"aws:TokenIssueTime": "false"}}`, nil, false},
		{"NumericLessThanEquals", `{"NumericLessThanEquals": {"s3:max-keys": "10"}}`, map[string][]string{"s3:max-keys": {"7"}}, true},
		{"NumericGreaterThan not a number", `{"NumericGreaterThan": {"s3:max-keys": "10"}}`, map[string][]string{"s3:max-keys": {"many"}}, false},
		{"DateLessThan", `{"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}}`, map[string][]string{"aws:CurrentTime": {"2026-11-22T12:00:00Z"}}, true},
		{"DateGreaterThan epoch", `{"DateGreaterThan": {"aws:EpochTime": "1700000000"}}`, map[string][]string{"aws:EpochTime": {"1600000000"}}, false},
		{"ForAllValues subset", `{"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}`, map[string][]string{"aws:TagKeys": {"team"}}, true},
		{"ForAllValues extra", `{"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}`, map[string][]string{"aws:TagKeys": {"team", "owner"}}, false},
		{"ForAllValues absent", `{"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}`, nil, true},
		{"ForAnyValue", `{"ForAnyValue:StringEquals": {"aws:TagKeys": ["secret"]}}`, map[string][]string{"aws:TagKeys": {"team", "secret"}}, true},
		{"ForAnyValue absent", `{"ForAnyValue:StringEquals": {"aws:TagKeys": ["secret"]}}`, nil, false},
		{"two keys are ANDed", `{"StringEquals": {"a": "1", "b": "2"}}`, map[string][]string{"a": {"1"}, "b": {"3"}}, false},
		{"policy variable in a value", `{"StringEquals": {"s3:prefix": "home/${aws:username}"}}`, map[string][]string{"s3:prefix": {"home/alice"}, "aws:username": {"alice"}}, true},
		{"unknown operator", `{"StringSoundsLike": {"a": "1"}}`, map[string][]string{"a": {"1"}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": `+c.cond+`}}`)
			if got := conditionsHold(p.Statements[0].Condition, c.ctx); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestSageMakerGuardrail: the preventive policy that keeps notebooks off the
// internet decides both ways.
func TestSageMakerGuardrail(t *testing.T) {
	scp := mustParse(t, `{"Statement": [
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "sagemaker:CreateNotebookInstance", "Resource": "*",
		 "Condition": {"StringNotEquals": {"sagemaker:DirectInternetAccess": "Disabled"}}}]}`)
	identity := mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "sagemaker:*", "Resource": "*"}}`)
	nb := "arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/research"
	for access, want := range map[string]Decision{"Enabled": ExplicitDeny, "Disabled": Allowed} {
		req := Request{"arn:aws:iam::111122223333:role/ds", "sagemaker:CreateNotebookInstance", nb, map[string][]string{"sagemaker:DirectInternetAccess": {access}}, false}
		if got := Evaluate(req, Policies{Identity: []*Policy{identity}, SCPs: []*Policy{scp}}); got != want {
			t.Errorf("DirectInternetAccess %s: got %s, want %s", access, got, want)
		}
	}
}

// BenchmarkEvaluate decides simple requests against a ten-statement policy;
// issue 5 asks for a million a second on one core.
func BenchmarkEvaluate(b *testing.B) {
	doc := `{"Statement": [`
	for i := range 9 {
		doc += `{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket` + string(rune('a'+i)) + `/*"},`
	}
	doc += `{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}`
	p := Policies{Identity: []*Policy{mustParse(b, doc)}}
	req := Request{"arn:aws:iam::111122223333:role/r", "s3:GetObject", "arn:aws:s3:::bucketi/key", nil, false}
	b.ReportAllocs()
	for b.Loop() {
		if Evaluate(req, p) != Allowed {
			b.Fatal("want allow")
		}
	}
}
