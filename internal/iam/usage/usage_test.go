package usage

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/analyze"
)

const (
	trail = "../../../examples/iam/trail"
	role  = "arn:aws:iam::111122223333:role/ml-training-job"
)

func records(t *testing.T) []*cloudtrail.Record {
	t.Helper()
	fsys := os.DirFS(trail)
	files, err := cloudtrail.Files(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	var out []*cloudtrail.Record
	for _, f := range files {
		err := cloudtrail.ReadFile(context.Background(), fsys, f, cloudtrail.DefaultLimits,
			func(r *cloudtrail.Record) error { out = append(out, r); return nil },
			func(r cloudtrail.Rejected) { t.Errorf("rejected %+v", r) })
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestPolicyFromTrail(t *testing.T) {
	u := New(role)
	for _, r := range records(t) {
		u.Add(&r.Event)
	}
	if u.Matched != 14 || u.Denied["s3:ListBuckets"] != 1 {
		t.Fatalf("matched %d, denied %v", u.Matched, u.Denied)
	}
	var got []string
	for _, s := range u.Policy().Statements {
		got = append(got, s.Sid+" "+strings.Join(s.Action, ",")+" "+strings.Join(s.Resource, ","))
	}
	want := []string{
		"CloudwatchPutMetricData cloudwatch:PutMetricData *",
		"EcrGetAuthorizationToken ecr:GetAuthorizationToken *",
		"EcrBatchGetImage ecr:BatchGetImage,ecr:GetDownloadUrlForLayer arn:aws:ecr:us-east-1:111122223333:repository/ml/trainer",
		"KmsDecrypt kms:Decrypt,kms:GenerateDataKey arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"LogsCreateLogStream logs:CreateLogStream arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/TrainingJobs:log-stream:*",
		"S3ListBucket s3:ListBucket arn:aws:s3:::ml-training-data",
		"S3GetObject s3:GetObject arn:aws:s3:::ml-training-data/datasets/*",
		"S3PutObject s3:PutObject arn:aws:s3:::ml-training-data/models/*",
	}
	if !slices.Equal(got, want) {
		t.Errorf("policy:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPolicyAllowsEveryRecordedCall evaluates each successful call of the
// role, on the resources its record names, against the derived policy.
func TestPolicyAllowsEveryRecordedCall(t *testing.T) {
	u := New(role)
	recs := records(t)
	for _, r := range recs {
		u.Add(&r.Event)
	}
	p := u.Policy()
	for _, r := range recs {
		if !u.made(&r.Event) || r.ErrorCode != "" {
			continue
		}
		action := Action(&r.Event)
		resources := []string{"*"}
		for _, res := range r.Resources {
			resources = append(resources, res.ARN)
		}
		if action == "logs:CreateLogStream" {
			resources = []string{"arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/TrainingJobs:log-stream:churn-xgb/algo-1"}
		}
		allowed := false
		for _, res := range resources {
			req := iam.Request{Action: action, Resource: res}
			allowed = allowed || iam.Evaluate(req, iam.Policies{Identity: []*iam.Policy{p}}) == iam.Allowed
		}
		if !allowed {
			t.Errorf("%s on %v is not allowed", action, resources)
		}
	}
	if issues := analyze.Analyze(analyze.Subject{Kind: analyze.Identity, Docs: []analyze.Doc{{Name: "derived", Policy: p}}}); len(issues) > 0 {
		t.Errorf("the derived policy has issues: %+v", issues)
	}
}

func TestUnused(t *testing.T) {
	u := New(role)
	for _, r := range records(t) {
		u.Add(&r.Event)
	}
	current, err := iam.Parse([]byte(`{"Statement":[
		{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"*"},
		{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":"*"},
		{"Effect":"Deny","Action":"s3:PutBucketPolicy","Resource":"*"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	got := u.Unused([]*iam.Policy{current})
	want := []string{"s3:DeleteObject", "secretsmanager:* (all 2 granted actions)"}
	if !slices.Equal(got, want) {
		t.Errorf("unused %v, want %v", got, want)
	}
}

func TestGeneralize(t *testing.T) {
	cases := map[string]string{
		"arn:aws:sagemaker:us-east-1:111122223333:training-job/churn-xgb-2026-11-20-10-00-00": "arn:aws:sagemaker:us-east-1:111122223333:training-job/churn-xgb-*",
		"arn:aws:sagemaker:us-east-1:111122223333:processing-job/prep-1763632800":             "arn:aws:sagemaker:us-east-1:111122223333:processing-job/prep-*",
		"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab":         "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"arn:aws:s3:::data/train/2026/part-1.parquet":                                         "arn:aws:s3:::data/train/*",
		"arn:aws:s3:::data/manifest.json":                                                     "arn:aws:s3:::data/*",
	}
	for in, want := range cases {
		if got := generalize(in); got != want {
			t.Errorf("generalize(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestMadeByTheRole(t *testing.T) {
	cases := []struct {
		id   cloudtrail.UserIdentity
		want bool
	}{
		{cloudtrail.UserIdentity{ARN: "arn:aws:sts::111122223333:assumed-role/ml-training-job/SageMaker"}, true},
		{cloudtrail.UserIdentity{ARN: "arn:aws:sts::444455556666:assumed-role/ml-training-job/SageMaker"}, false},
		{cloudtrail.UserIdentity{ARN: "arn:aws:sts::111122223333:assumed-role/ml-training-job-2/SageMaker"}, false},
		{cloudtrail.UserIdentity{ARN: "arn:aws:iam::111122223333:user/ml-training-job"}, false},
	}
	u := New(role)
	for _, tc := range cases {
		if got := u.made(&cloudtrail.Event{UserIdentity: tc.id}); got != tc.want {
			t.Errorf("%s: %v", tc.id.ARN, got)
		}
	}
}
