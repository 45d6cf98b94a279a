package analyze

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/iam"
)

func doc(t *testing.T, js string) Doc {
	t.Helper()
	p, err := iam.Parse([]byte(js))
	if err != nil {
		t.Fatalf("parse %s: %v", js, err)
	}
	return Doc{Name: "policy", Policy: p}
}

// found renders issues as "check@statement" for comparison.
func found(issues []Issue) []string {
	var out []string
	for _, is := range issues {
		out = append(out, fmt.Sprintf("%s@%d", is.Check, is.Statement))
	}
	slices.Sort(out)
	return out
}

func TestAnalyze(t *testing.T) {
	cases := []struct {
		name    string
		kind    Kind
		policy  string
		managed []string
		account string
		check   Check
		want    []string
	}{
		{"admin statement", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, nil, "", Admin, []string{"admin@0"}},
		{"admin through NotAction", Identity, `{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`, nil, "", Admin, []string{"admin@0"}},
		{"conditioned admin is not counted", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}`, nil, "", Admin, nil},
		{"admin managed", Identity, `{"Statement":[]}`, []string{"arn:aws:iam::aws:policy/AdministratorAccess"}, "", Admin, []string{"admin@-1"}},
		{"full access managed", Identity, `{"Statement":[]}`, []string{"arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"}, "", FullAccess, []string{"full-access@-1"}},
		{"service wildcard on data", Identity, `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"},{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}`, nil, "", WildcardData, []string{"wildcard-data@0"}},
		{"data action on every resource", Identity, `{"Statement":[{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":"*"},{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}]}`, nil, "", WildcardData, []string{"wildcard-data@0"}},
		{"read every bucket", Identity, `{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::*/*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::team-data/*"}]}`, nil, "", ReadAllData, []string{"read-all-buckets@0"}},
		{"read every bucket is not also a wildcard", Identity, `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`, nil, "", WildcardData, nil},
		{"permissions management on everything", Identity, `{"Statement":[{"Effect":"Allow","Action":["s3:PutBucketPolicy","s3:GetObject"],"Resource":"*"},{"Effect":"Allow","Action":"kms:PutKeyPolicy","Resource":"arn:aws:kms:us-east-1:111122223333:key/k"}]}`, nil, "", PermsMgmt, []string{"permissions-management@0"}},
		{"key policy: root is the owner, a role is not", Resource, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ml"},"Action":"kms:*","Resource":"*"}]}`, nil, "111122223333", PermsMgmt, []string{"permissions-management@1"}},
		{"passrole any role with training", Identity, `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"sagemaker.amazonaws.com"}}},{"Effect":"Allow","Action":"sagemaker:CreateTrainingJob","Resource":"*"}]}`, nil, "", Escalation, []string{"privilege-escalation@0"}},
		{"passrole limited to one role", Identity, `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/training"},{"Effect":"Allow","Action":"sagemaker:CreateTrainingJob","Resource":"*"}]}`, nil, "", Escalation, nil},
		{"passrole through a managed policy's create", Identity, `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`, []string{"arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"}, "", Escalation,
			[]string{"privilege-escalation@-1", "privilege-escalation@-1", "privilege-escalation@-1", "privilege-escalation@0", "privilege-escalation@0", "privilege-escalation@0", "privilege-escalation@0", "privilege-escalation@0"}},
		{"presigned url on any notebook", Identity, `{"Statement":{"Effect":"Allow","Action":"sagemaker:CreatePresignedNotebookInstanceUrl","Resource":"arn:aws:sagemaker:*:*:notebook-instance/*"}}`, nil, "", Escalation, []string{"privilege-escalation@0"}},
		{"presigned url on own notebook", Identity, `{"Statement":{"Effect":"Allow","Action":"sagemaker:CreatePresignedNotebookInstanceUrl","Resource":"arn:aws:sagemaker:*:*:notebook-instance/alice-*"}}`, nil, "", Escalation, nil},
		{"lifecycle config path", Identity, `{"Statement":{"Effect":"Allow","Action":["sagemaker:UpdateNotebookInstanceLifecycleConfig","sagemaker:UpdateNotebookInstance"],"Resource":"*"}}`, nil, "", Escalation, []string{"privilege-escalation@0"}},
		{"create policy version", Identity, `{"Statement":{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*"}}`, nil, "", Escalation, []string{"privilege-escalation@0"}},
		{"escalation denied by an explicit deny", Identity, `{"Statement":[{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`, nil, "", Escalation, nil},
		{"escalation in the account the policy names", Identity, `{"Statement":{"Effect":"Allow","Action":"iam:AttachRolePolicy","Resource":"arn:aws:iam::444455556666:role/*"}}`, nil, "", Escalation, []string{"privilege-escalation@0"}},
		{"admin needs no escalation path", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, nil, "", Escalation, nil},
		{"public bucket read", Resource, `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::m/*"},{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::m/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}`, nil, "", Public, []string{"public-principal@0"}},
		{"public with a wildcard condition stays public", Resource, `{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:BatchGetImage","Resource":"*","Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}}}`, nil, "", Public, []string{"public-principal@0"}},
		{"public with a world CIDR stays public", Resource, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}}`, nil, "", Public, []string{"public-principal@0"}},
		{"key policy limited by caller account", Resource, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}}}`, nil, "", Public, nil},
		{"a role-name wildcard in a fixed account narrows", Resource, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ml-*"}}}}`, nil, "", Public, nil},
		{"a wildcard account does not narrow", Resource, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ml-*"}}}}`, nil, "", Public, []string{"public-principal@0"}},
		{"a user agent does not narrow", Resource, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:UserAgent":"pipeline"}}}}`, nil, "", Public, []string{"public-principal@0"}},
		{"public trust", Trust, `{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}`, nil, "", Public, []string{"public-principal@0"}},
		{"cross account", Resource, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"ecr:PutImage","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"ecr:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"ecr:BatchGetImage","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}`, nil, "111122223333", CrossAccount, []string{"cross-account@0"}},
		{"cross account needs the owner", Resource, `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::m/*"}}`, nil, "", CrossAccount, nil},
		{"cross account owner from the key ARN", Resource, `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:111122223333:key/k"}}`, nil, "", CrossAccount, []string{"cross-account@0"}},
		{"confused deputy trust", Trust, `{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"Service":"bedrock.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}},{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, nil, "", ConfusedDep, []string{"confused-deputy@0"}},
		{"object action on a bucket ARN", Identity, `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::models"},{"Effect":"Allow","Action":["s3:ListBucket","s3:PutObject"],"Resource":"arn:aws:s3:::models"},{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::models/*"}]}`, nil, "", GrantsNothing, []string{"grants-nothing@0", "grants-nothing@1"}},
		{"misspelt action", Identity, `{"Statement":{"Effect":"Allow","Action":["sagemaker:CreateTrainingJobs","sagemaker:DescribeTrainingJob"],"Resource":"*"}}`, nil, "", GrantsNothing, []string{"grants-nothing@0"}},
		{"unknown operator", Identity, `{"Statement":{"Effect":"Deny","Action":"sagemaker:CreateNotebookInstance","Resource":"*","Condition":{"BoolEquals":{"sagemaker:DirectInternetAccess":"Enabled"}}}}`, nil, "", GrantsNothing, []string{"grants-nothing@0"}},
		{"resource-less action on an ARN", Identity, `{"Statement":{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"arn:aws:ecr:us-east-1:111122223333:repository/m"}}`, nil, "", GrantsNothing, []string{"grants-nothing@0"}},
		{"repository names hold slashes", Identity, `{"Statement":{"Effect":"Allow","Action":"ecr:BatchGetImage","Resource":"arn:aws:ecr:us-east-1:111122223333:repository/team/model"}}`, nil, "", GrantsNothing, nil},
		{"trust policies name no resource", Trust, `{"Statement":{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}}`, nil, "", GrantsNothing, nil},
		{"services outside the catalog are not judged", Identity, `{"Statement":{"Effect":"Allow","Action":"dynamodb:GetItemz","Resource":"*"}}`, nil, "", GrantsNothing, nil},
		{"shadowed by an allow", Identity, `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::data/*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/train/*"}]}`, nil, "", Shadowed, []string{"shadowed@1"}},
		{"shadowed by a deny", Identity, `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::data/*"},{"Effect":"Deny","Action":"s3:Get*","Resource":"*"}]}`, nil, "", Shadowed, []string{"shadowed@0"}},
		{"two equal statements: the later is reported", Identity, `{"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"},{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`, nil, "", Shadowed, []string{"shadowed@1"}},
		{"narrower condition is not shadowed", Identity, `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::d/*"}]}`, nil, "", Shadowed, nil},
		{"a deny with an exclusion is not a shadow", Identity, `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::d/*"},{"Effect":"Deny","NotAction":"s3:Get*","Resource":"*"}]}`, nil, "", Shadowed, nil},
		{"unknown values conclude nothing", Identity, `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"(known after apply)"},{"Effect":"Allow","Action":"*","Resource":"(known after apply)"}]}`, nil, "", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := Subject{Kind: tc.kind, Docs: []Doc{doc(t, tc.policy)}, Managed: tc.managed, Account: tc.account}
			var checks []Check
			if tc.check != "" {
				checks = []Check{tc.check}
			}
			got := found(Analyze(s, checks...))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
				for _, is := range Analyze(s, checks...) {
					t.Log(is.Message)
				}
			}
		})
	}
}

func TestMessagesNameTheStatement(t *testing.T) {
	s := Subject{Kind: Identity, Docs: []Doc{doc(t, `{"Statement":{"Sid":"Models","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::models"}}`)}}
	got := Analyze(s, GrantsNothing)
	if len(got) != 1 || !strings.Contains(got[0].Message, `statement "Models" grants nothing`) || !strings.Contains(got[0].Message, "names the bucket") {
		t.Fatalf("got %+v", got)
	}
}

func TestOverlap(t *testing.T) {
	cases := []struct {
		policy, catalog string
		want            bool
	}{
		{"arn:aws:s3:::models", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", false},
		{"arn:aws:s3:::models/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true},
		{"arn:aws:s3:::models*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true},
		{"arn:aws:s3:::models/*", "arn:${Partition}:s3:::${BucketName}", false},
		{"*", "arn:${Partition}:s3:::${BucketName}", true},
		{"arn:aws:kms:*:*:alias/x", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}", false},
		{"arn:aws:logs:us-east-1:1:log-group:/aws/sagemaker/*", "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}", true},
		{"arn:aws:s3:::a?c", "arn:${Partition}:s3:::${BucketName}", true},
	}
	for _, tc := range cases {
		if got := overlap(policyGlob(tc.policy), catalogGlob(tc.catalog)); got != tc.want {
			t.Errorf("overlap(%q, %q) = %v, want %v", tc.policy, tc.catalog, got, tc.want)
		}
	}
}

func TestCovers(t *testing.T) {
	cases := []struct {
		outer, inner string
		want         bool
	}{
		{"*", "anything*", true},
		{"arn:aws:s3:::data/*", "arn:aws:s3:::data/train/*", true},
		{"arn:aws:s3:::data/train/*", "arn:aws:s3:::data/*", false},
		{"arn:aws:s3:::dat?/x", "arn:aws:s3:::da*/x", false},
		{"s3:Get*", "s3:GetObject", true},
		{"s3:get*", "S3:GetObject*", true},
	}
	for _, tc := range cases {
		if got := covers(tc.outer, tc.inner, true); got != tc.want {
			t.Errorf("covers(%q, %q) = %v, want %v", tc.outer, tc.inner, got, tc.want)
		}
	}
}

func TestOversizedPolicyIsReported(t *testing.T) {
	var st []string
	for i := 0; i < MaxShadowStatements+1; i++ {
		st = append(st, fmt.Sprintf(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b%d/*"}`, i))
	}
	s := Subject{Kind: Identity, Docs: []Doc{doc(t, `{"Statement":[`+strings.Join(st, ",")+`]}`)}}
	got := Analyze(s, Shadowed)
	if len(got) != 1 || got[0].Statement != -1 || !strings.Contains(got[0].Message, "1001 statements") {
		t.Fatalf("got %+v", got)
	}
}

// BenchmarkAnalyze runs every analysis on a 40-statement identity policy.
func BenchmarkAnalyze(b *testing.B) {
	var st []string
	for i := 0; i < 10; i++ {
		st = append(st,
			fmt.Sprintf(`{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::team-%d/*"}`, i),
			fmt.Sprintf(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::team-%d"}`, i),
			fmt.Sprintf(`{"Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"arn:aws:kms:us-east-1:111122223333:key/k%d"}`, i),
			fmt.Sprintf(`{"Effect":"Allow","Action":"sagemaker:CreateTrainingJob","Resource":"arn:aws:sagemaker:*:*:training-job/team-%d-*"}`, i))
	}
	p, err := iam.Parse([]byte(`{"Statement":[` + strings.Join(st, ",") + `]}`))
	if err != nil {
		b.Fatal(err)
	}
	s := Subject{Kind: Identity, Docs: []Doc{{Name: "bench", Policy: p}}}
	b.ReportAllocs()
	for b.Loop() {
		if len(Analyze(s)) != 0 {
			b.Fatal("findings")
		}
	}
}
