package access

import (
	"context"
	"testing"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
)

const (
	acctA = "111122223333"
	acctB = "444455556666"
	alice = "arn:aws:iam::111122223333:role/alice"
	bob   = "arn:aws:iam::444455556666:role/bob"
	data  = "arn:aws:s3:::data"
)

func doc(t testing.TB, js string) aws.PolicyDocument {
	t.Helper()
	if js == "" {
		return aws.PolicyDocument{}
	}
	p, err := iam.Parse([]byte(js))
	if err != nil {
		t.Fatalf("%v: %s", err, js)
	}
	return aws.PolicyDocument{Meta: model.Meta{Explicit: true}, Document: p}
}

func name(s string) model.String { return model.String{Meta: model.Meta{Explicit: true}, Value: s} }

func res(typ, addr string) model.Resource {
	return model.Resource{Type: typ, Address: typ + "." + addr}
}

// addRole adds a role with inline policies (and a trust policy that any
// principal of its account may assume with permission).
func addRole(t testing.TB, m *aws.Model, roleName string, policies ...string) *aws.Role {
	r := &aws.Role{Resource: res("aws_iam_role", roleName), Name: name(roleName),
		TrustPolicy: doc(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::`+acctA+`:root"}, "Action": "sts:AssumeRole"}}`)}
	for _, p := range policies {
		r.InlinePolicies = append(r.InlinePolicies, doc(t, p))
	}
	m.Roles = append(m.Roles, r)
	return r
}

func addBucket(t testing.TB, m *aws.Model, bucketName, policy string) *aws.Bucket {
	b := &aws.Bucket{Resource: res("aws_s3_bucket", bucketName), Name: name(bucketName)}
	if policy != "" {
		b.Policies = []aws.PolicyDocument{doc(t, policy)}
	}
	m.Buckets = append(m.Buckets, b)
	return b
}

const (
	readData    = `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}}`
	readAll     = `{"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "*"}}`
	bucketToBob = `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "` + bob + `"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}}`
)

// TestEvaluationCases decides one edge per case, each from AWS's documented
// policy evaluation logic:
//
//	[logic] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
//	[cross] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
//	[scp]   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
//	[rcp]   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
//	[pb]    https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
//	[kms]   https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
//	[np]    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
//	[na]    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
//	[own]   https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
//	[acl]   https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
func TestEvaluationCases(t *testing.T) {
	cases := []struct {
		name  string
		doc   string
		build func(t testing.TB, a, b *aws.Model) Options
		from  string
		cap   string
		to    string
		want  string // "allowed", "conditional" or "none"
	}{
		{"same account: an identity policy allows", "logic", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", readData)
			addBucket(t, a, "data", "")
			return Options{}
		}, alice, "read", data, "allowed"},
		{"same account: a resource policy naming the role allows without an identity policy", "logic", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice")
			addBucket(t, a, "data", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "`+alice+`"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}}`)
			return Options{}
		}, alice, "read", data, "allowed"},
		{"same account: a resource policy naming only the account delegates to identity policies", "logic", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice")
			addBucket(t, a, "data", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::`+acctA+`:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}}`)
			return Options{}
		}, alice, "read", data, "none"},
		{"explicit deny in the bucket policy wins over an identity allow", "logic", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", readData)
			addBucket(t, a, "data", `{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::data/*"}}`)
			return Options{}
		}, alice, "read", data, "none"},
		{"cross account: an identity policy alone does not allow", "cross", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, b, "bob", readData)
			addBucket(t, a, "data", "")
			return Options{}
		}, bob, "read", data, "none"},
		{"cross account: the resource policy alone does not allow", "cross", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, b, "bob")
			addBucket(t, a, "data", bucketToBob)
			return Options{}
		}, bob, "read", data, "none"},
		{"cross account: both allow", "cross", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, b, "bob", readData)
			addBucket(t, a, "data", bucketToBob)
			return Options{}
		}, bob, "read", data, "allowed"},
		{"an SCP deny removes what policies allow", "scp", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", readData)
			addBucket(t, a, "data", "")
			return Options{Policies: []OrgPolicy{{Name: "deny-s3", Document: mustPolicy(t, `{"Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}}`), Targets: []string{acctA}}}}
		}, alice, "read", data, "none"},
		{"a deny-list SCP keeps FullAWSAccess for everything else", "scp", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", readData)
			addBucket(t, a, "data", "")
			return Options{Policies: []OrgPolicy{{Name: "deny-leave", Document: mustPolicy(t, `{"Statement": {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}}`), Targets: []string{"r-root"}}}}
		}, alice, "read", data, "allowed"},
		{"an allow-list SCP that does not list the action denies it", "scp", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", readData)
			addBucket(t, a, "data", "")
			return Options{Policies: []OrgPolicy{{Name: "allow-kms", Document: mustPolicy(t, `{"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}`), Targets: []string{acctA}}}}
		}, alice, "read", data, "none"},
		{"a resource control policy denies calls to the account's resources", "rcp", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, b, "bob", readData)
			addBucket(t, a, "data", bucketToBob)
			return Options{Policies: []OrgPolicy{{Name: "org-only", Type: "RESOURCE_CONTROL_POLICY", Targets: []string{acctA},
				Document: mustPolicy(t, `{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}}}}`)}}, OrgID: ""}
		}, bob, "read", data, "conditional"},
		{"a permissions boundary that does not allow the action denies it", "pb", func(t testing.TB, a, b *aws.Model) Options {
			r := addRole(t, a, "alice", readData)
			a.Policies = append(a.Policies, &aws.Policy{Resource: res("aws_iam_policy", "boundary"), Name: name("boundary"),
				Document: doc(t, `{"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}`)})
			r.Boundary = model.Ref{Meta: model.Meta{Explicit: true}, Targets: []string{"aws_iam_policy.boundary"}}
			addBucket(t, a, "data", "")
			return Options{}
		}, alice, "read", data, "none"},
		{"KMS: a key policy without the account's root grants nothing through IAM policies", "kms", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", readAll)
			a.KMSKeys = append(a.KMSKeys, &aws.KMSKey{Resource: res("aws_kms_key", "k"),
				Policy: doc(t, `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::`+acctA+`:role/admin"}, "Action": "kms:*", "Resource": "*"}}`)})
			return Options{}
		}, alice, "decrypt", "arn:aws:kms:eu-west-1:111122223333:key/tf-aws_kms_key.k", "none"},
		{"KMS: the default key policy lets IAM policies grant use", "kms", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", readAll)
			a.KMSKeys = append(a.KMSKeys, &aws.KMSKey{Resource: res("aws_kms_key", "k")})
			return Options{}
		}, alice, "decrypt", "arn:aws:kms:eu-west-1:111122223333:key/tf-aws_kms_key.k", "allowed"},
		{"KMS: a bucket under a key its reader may not use cannot be read", "kms", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, b, "bob", readData)
			addBucket(t, a, "data", bucketToBob).Encryption = &aws.BucketEncryption{Algorithm: name("aws:kms"),
				KMSKey: model.Ref{Meta: model.Meta{Explicit: true}, Targets: []string{"aws_kms_key.k"}}}
			a.KMSKeys = append(a.KMSKeys, &aws.KMSKey{Resource: res("aws_kms_key", "k")})
			return Options{}
		}, bob, "read", data, "none"},
		{"KMS: an AWS managed key cannot be used from another account", "kms", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, b, "bob", readAll)
			addBucket(t, a, "data", bucketToBob).Encryption = &aws.BucketEncryption{Algorithm: name("aws:kms")}
			return Options{}
		}, bob, "read", data, "none"},
		{"NotPrincipal: a deny for everyone but one role denies the others", "np", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", readData)
			addBucket(t, a, "data", `{"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::`+acctA+`:role/etl"}, "Action": "s3:*", "Resource": "arn:aws:s3:::data/*"}}`)
			return Options{}
		}, alice, "read", data, "none"},
		{"NotAction: an allow of everything but IAM allows reading", "na", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", `{"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}`)
			addBucket(t, a, "data", "")
			return Options{}
		}, alice, "read", data, "allowed"},
		{"object ownership enforced: ACLs grant nothing, policies decide; a public-read bucket ACL lists, it does not read", "own,acl", func(t testing.TB, a, b *aws.Model) Options {
			addBucket(t, a, "data", "").ACL = name("public-read")
			return Options{}
		}, "anyone", "read", data, "none"},
		{"a condition on a key the analysis does not know makes the edge conditional", "logic", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, a, "alice", `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}}`)
			addBucket(t, a, "data", "")
			return Options{}
		}, alice, "read", data, "conditional"},
		{"aws:PrincipalOrgID is known for the organization's accounts", "cross", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, b, "bob", readData)
			addBucket(t, a, "data", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}}`)
			return Options{OrgID: "o-abc"}
		}, bob, "read", data, "allowed"},
		{"a role chain needs the trust policy and the caller's permission across accounts", "cross", func(t testing.TB, a, b *aws.Model) Options {
			addRole(t, b, "bob", `{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}`)
			addRole(t, a, "alice") // trusts only its own account
			return Options{}
		}, bob, "assume", alice, "none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := &aws.Model{}, &aws.Model{}
			opts := c.build(t, a, b)
			g, err := Analyze(context.Background(), []*Account{{ID: acctA, Region: "eu-west-1", Models: []*aws.Model{a}}, {ID: acctB, Region: "eu-west-1", Models: []*aws.Model{b}}}, opts)
			if err != nil {
				t.Fatal(err)
			}
			got := "none"
			if from := g.Node(c.from); from != nil {
				for _, e := range from.out {
					if e.To.ID == c.to && e.Capability == c.cap {
						got = "allowed"
						if e.Conditional {
							got = "conditional"
						}
					}
				}
			}
			if got != c.want {
				t.Errorf("[%s] %s %s %s: %s, want %s", c.doc, c.from, c.cap, c.to, got, c.want)
			}
		})
	}
}

func mustPolicy(t testing.TB, js string) *iam.Policy {
	t.Helper()
	return doc(t, js).Document
}

// TestTenantTags: a bucket of a shared account tagged for a tenant belongs
// to that tenant; another tenant's role that reaches it is reported, the
// tenant's own is not.
func TestTenantTags(t *testing.T) {
	shared, unitA, unitB := &aws.Model{}, &aws.Model{}, &aws.Model{}
	b := addBucket(t, shared, "data", `{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}}`)
	b.Tags = map[string]string{"tenant": "b"}
	addRole(t, unitA, "alice", readData)
	addRole(t, unitB, "bob", readData)
	g, err := Analyze(context.Background(), []*Account{
		{ID: "111111111111", Region: "eu-west-1", Models: []*aws.Model{shared}},
		{ID: "222222222222", Region: "eu-west-1", Tenant: "a", Models: []*aws.Model{unitA}},
		{ID: "333333333333", Region: "eu-west-1", Tenant: "b", Models: []*aws.Model{unitB}},
	}, Options{TenantTags: map[string]map[string]string{"b": {"tenant": "b"}}})
	if err != nil {
		t.Fatal(err)
	}
	var cross []Finding
	for _, f := range g.Findings {
		if f.ID == CrossTenant { // the roles' trust names an account outside this test: ACCESS-002
			cross = append(cross, f)
		}
	}
	if len(cross) != 1 || cross[0].Principal != "arn:aws:iam::222222222222:role/alice" || cross[0].Asset != data {
		t.Errorf("findings: %+v", cross)
	}
}
