package scope

import (
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/analyze"
)

var (
	bucket = "arn:aws:s3:::ml-training-data"
	key    = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	repo   = "arn:aws:ecr:us-east-1:111122223333:repository/team/trainer"
	role   = "arn:aws:iam::111122223333:role/ml-training-job"
)

func options(task string, vpc bool) Options {
	o := Options{Task: task, Buckets: []string{bucket}, KMSKeys: []string{key}, ECRRepos: []string{repo}, VPC: vpc}
	if task == "pipeline" {
		o.PassRoles = []string{role}
	}
	return o
}

// TestPolicyAllowsWhatTheTaskNeeds evaluates every call each task makes
// against the policy written for it, and runs every analysis on the policy.
func TestPolicyAllowsWhatTheTaskNeeds(t *testing.T) {
	for _, task := range Tasks {
		for _, vpc := range []bool{false, true} {
			o := options(task, vpc)
			p, err := Policy(o)
			if err != nil {
				t.Fatalf("%s: %v", task, err)
			}
			calls, _ := Required(o)
			if len(calls) < 10 {
				t.Fatalf("%s: only %d calls", task, len(calls))
			}
			for _, c := range calls {
				req := iam.Request{Principal: "arn:aws:sts::111122223333:assumed-role/ml/SageMaker", Action: c.Action, Resource: c.Resource, Context: c.Context}
				if d := iam.Evaluate(req, iam.Policies{Identity: []*iam.Policy{p}}); d != iam.Allowed {
					t.Errorf("%s vpc=%v: %s on %s: %v", task, vpc, c.Action, c.Resource, d)
				}
			}
			issues := analyze.Analyze(analyze.Subject{Kind: analyze.Identity, Docs: []analyze.Doc{{Name: task, Policy: p}}})
			for _, is := range issues {
				t.Errorf("%s vpc=%v: analyze: %s: %s", task, vpc, is.Check, is.Message)
			}
		}
	}
}

func TestPolicyDeniesTheRest(t *testing.T) {
	denied := []struct{ task, action, resource string }{
		{"training", "s3:GetObject", "arn:aws:s3:::other-team-data/x"},
		{"training", "s3:DeleteObject", bucket + "/x"},
		{"training", "s3:PutBucketPolicy", bucket},
		{"endpoint", "s3:PutObject", bucket + "/model.tar.gz"},
		{"endpoint", "kms:GenerateDataKey", key},
		{"training", "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/other"},
		{"training", "ecr:PutImage", repo},
		{"training", "iam:PassRole", role},
		{"training", "sagemaker:CreateTrainingJob", "arn:aws:sagemaker:us-east-1:111122223333:training-job/x"},
		{"pipeline", "iam:PassRole", "arn:aws:iam::111122223333:role/admin"},
		{"training", "kms:CreateGrant", key}, // not for an AWS resource
		{"notebook", "cloudwatch:PutMetricData", "*"},
	}
	for _, d := range denied {
		p, err := Policy(options(d.task, true))
		if err != nil {
			t.Fatal(err)
		}
		req := iam.Request{Action: d.action, Resource: d.resource, Context: map[string][]string{"iam:PassedToService": {"sagemaker.amazonaws.com"}}}
		if got := iam.Evaluate(req, iam.Policies{Identity: []*iam.Policy{p}}); got == iam.Allowed {
			t.Errorf("%s allows %s on %s", d.task, d.action, d.resource)
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []Options{
		{Task: "jupyter", Buckets: []string{bucket}},
		{Task: "training"},
		{Task: "training", Buckets: []string{"ml-training-data"}},
		{Task: "training", Buckets: []string{bucket + "/prefix"}},
		{Task: "training", Buckets: []string{bucket}, KMSKeys: []string{"alias/ml"}},
		{Task: "training", Buckets: []string{bucket}, ECRRepos: []string{"arn:aws:ecr:us-east-1:111122223333:repository/*"}},
		{Task: "pipeline", Buckets: []string{bucket}},
	}
	for _, o := range bad {
		if _, err := Policy(o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestTerraform(t *testing.T) {
	p, _ := Policy(options("pipeline", false))
	hcl := Terraform(p, "pipeline")
	for _, want := range []string{`data "aws_iam_policy_document" "pipeline" {`, `sid       = "PassJobRoles"`,
		`variable = "iam:PassedToService"`, `resources = ["arn:aws:s3:::ml-training-data/*"]`} {
		if !strings.Contains(hcl, want) {
			t.Errorf("missing %s in\n%s", want, hcl)
		}
	}
}

// TestNarrowed checks the options that narrow a policy: prefixes, read-only,
// secrets and no logs. The read-only notebook with prefixes is the policy
// the secure-notebook blueprint carries: list and get under the prefixes,
// decrypt with the key, nothing else.
func TestNarrowed(t *testing.T) {
	secret := "arn:aws:secretsmanager:us-east-1:111122223333:secret:feature-db-AbCdEf"
	o := Options{Task: "notebook", Buckets: []string{bucket}, KMSKeys: []string{key}, Prefixes: []string{"features/", "labels/"},
		ReadOnly: true, NoLogs: true}
	p, err := Policy(o)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, s := range p.Statements {
		actions = append(actions, s.Action...)
	}
	if got := strings.Join(actions, " "); got != "s3:ListBucket s3:GetObject kms:Decrypt" {
		t.Errorf("read-only notebook allows %s", got)
	}
	calls, _ := Required(o)
	for _, c := range calls {
		req := iam.Request{Action: c.Action, Resource: c.Resource, Context: c.Context}
		if d := iam.Evaluate(req, iam.Policies{Identity: []*iam.Policy{p}}); d != iam.Allowed {
			t.Errorf("%s on %s: %v", c.Action, c.Resource, d)
		}
	}
	denied := []iam.Request{
		{Action: "s3:GetObject", Resource: bucket + "/raw/pii.csv"},
		{Action: "s3:ListBucket", Resource: bucket, Context: map[string][]string{"s3:prefix": {"raw/"}}},
		{Action: "s3:ListBucket", Resource: bucket},
		{Action: "s3:PutObject", Resource: bucket + "/features/x"},
		{Action: "kms:GenerateDataKey", Resource: key},
		{Action: "logs:PutLogEvents", Resource: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/NotebookInstances:log-stream:x"},
	}
	for _, r := range denied {
		if d := iam.Evaluate(r, iam.Policies{Identity: []*iam.Policy{p}}); d == iam.Allowed {
			t.Errorf("read-only notebook allows %s on %s", r.Action, r.Resource)
		}
	}
	t2 := Options{Task: "training", Buckets: []string{bucket}, KMSKeys: []string{key}, Secrets: []string{secret}, Prefixes: []string{"runs/"}, VPC: true}
	p2, err := Policy(t2)
	if err != nil {
		t.Fatal(err)
	}
	read := iam.Request{Action: "secretsmanager:GetSecretValue", Resource: secret}
	other := iam.Request{Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:111122223333:secret:admin-XyZ123"}
	put := iam.Request{Action: "s3:PutObject", Resource: bucket + "/runs/model.tar.gz"}
	for r, want := range map[*iam.Request]bool{&read: true, &other: false, &put: true} {
		if got := iam.Evaluate(*r, iam.Policies{Identity: []*iam.Policy{p2}}) == iam.Allowed; got != want {
			t.Errorf("training with a secret: %s on %s allowed=%v, want %v", r.Action, r.Resource, got, want)
		}
	}
	for _, is := range analyze.Analyze(analyze.Subject{Kind: analyze.Identity, Docs: []analyze.Doc{{Name: "n", Policy: p}, {Name: "t", Policy: p2}}}) {
		t.Errorf("analyze: %s: %s", is.Check, is.Message)
	}
	e := Options{Task: "endpoint", Buckets: []string{bucket}, KMSKeys: []string{key}, Prefixes: []string{"models/churn/"}, CapturePrefix: "capture/churn/"}
	p3, err := Policy(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		action, resource string
		want             bool
	}{
		{"s3:PutObject", bucket + "/capture/churn/2026/12/07/x.jsonl", true},
		{"s3:PutObject", bucket + "/models/churn/model.tar.gz", false},
		{"s3:GetObject", bucket + "/models/churn/model.tar.gz", true},
		{"s3:GetObject", bucket + "/capture/churn/x.jsonl", false},
		{"kms:GenerateDataKey", key, true},
	} {
		r, want := iam.Request{Action: c.action, Resource: c.resource}, c.want
		if got := iam.Evaluate(r, iam.Policies{Identity: []*iam.Policy{p3}}) == iam.Allowed; got != want {
			t.Errorf("endpoint with capture: %s on %s allowed=%v, want %v", r.Action, r.Resource, got, want)
		}
	}
	for _, bad := range []Options{
		{Task: "training", Buckets: []string{bucket}, CapturePrefix: "capture/"},
		{Task: "training", Buckets: []string{bucket}, Prefixes: []string{"features"}},
		{Task: "training", Buckets: []string{bucket}, Prefixes: []string{"feat*/"}},
		{Task: "training", Buckets: []string{bucket}, Secrets: []string{"feature-db"}},
		{Task: "pipeline", Buckets: []string{bucket}, PassRoles: []string{role}, ReadOnly: true},
	} {
		if _, err := Policy(bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}
