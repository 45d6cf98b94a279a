package report_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/access"
	"github.com/mlguard/mlguard/internal/browsertest"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/source"
)

// accessExample is a small platform: two tenants, a shared role one of
// them may assume that reads the other's bucket, a repository open to any
// role named ml-* in any account, and a bucket read behind a VPC endpoint
// condition. name is written into the resources' names.
func accessExample(t *testing.T, name string) *access.Graph {
	t.Helper()
	pol := func(js string) aws.PolicyDocument {
		p, err := iam.Parse([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		return aws.PolicyDocument{Meta: model.Meta{Explicit: true}, Document: p}
	}
	str := func(s string) model.String { return model.String{Meta: model.Meta{Explicit: true}, Value: s} }
	res := func(typ, n, file string, line int) model.Resource {
		return model.Resource{Type: typ, Address: typ + "." + n, Range: source.Range{File: file, StartLine: line, EndLine: line + 2}}
	}
	shared := &aws.Model{
		Roles: []*aws.Role{{Resource: res("aws_iam_role", "ops", "main.tf", 1), Name: str("ops"),
			TrustPolicy:    pol(`{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/ds"}, "Action": "sts:AssumeRole"}}`),
			InlinePolicies: []aws.PolicyDocument{pol(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`)}}},
		Repositories: []*aws.Repository{{Resource: res("aws_ecr_repository", "base", "main.tf", 10), Name: str("base" + name),
			Policies: []aws.PolicyDocument{pol(`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/ml-*"}}}}`)}}},
	}
	buA := &aws.Model{Roles: []*aws.Role{{Resource: res("aws_iam_role", "ds", "main.tf", 1), Name: str("ds"),
		InlinePolicies: []aws.PolicyDocument{pol(`{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
			{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a-data/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]}`)}}},
		Buckets: []*aws.Bucket{{Resource: res("aws_s3_bucket", "data", "main.tf", 5), Name: str("a-data")}}}
	buB := &aws.Model{Buckets: []*aws.Bucket{{Resource: res("aws_s3_bucket", "data", "main.tf", 5), Name: str("b-data" + strings.ToLower(name)),
		Policies: []aws.PolicyDocument{pol(`{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/ops"}, "Action": "s3:GetObject", "Resource": "*"}}`)}}}}
	g, err := access.Analyze(context.Background(), []*access.Account{
		{ID: "111111111111", Region: "eu-west-1", Dir: "shared", Models: []*aws.Model{shared}},
		{ID: "222222222222", Region: "eu-west-1", Dir: "bu-a", Tenant: "bu-a", Models: []*aws.Model{buA}},
		{ID: "333333333333", Region: "eu-west-1", Dir: "bu-b", Tenant: "bu-b" + name, Models: []*aws.Model{buB}},
	}, access.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestAccessGolden(t *testing.T) {
	g := accessExample(t, "")
	if len(g.Findings) != 2 {
		t.Fatalf("the example has %d findings, want 2: %+v", len(g.Findings), g.Findings)
	}
	for _, format := range []string{"text", "json", "sarif", "dot", "mermaid"} {
		var buf bytes.Buffer
		if err := report.WriteAccess(context.Background(), &buf, format, g, report.Options{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		golden(t, "access.golden."+format, buf.Bytes())
		if format == "sarif" {
			validSARIF(t, &buf)
		}
	}
	answers, err := g.WhatCan("arn:aws:iam::222222222222:role/ds")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteAnswers(&buf, "text", answers); err != nil {
		t.Fatal(err)
	}
	golden(t, "access.golden.what-can.text", buf.Bytes())
}

// TestAccessHTMLInBrowser opens the page of a graph whose names hold
// markup: no error, no request, the names stay text, the diagram has a
// node per principal and asset and a frame per account.
func TestAccessHTMLInBrowser(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("no Graphviz dot on this machine (apt-get install graphviz; .ci/run does)")
	}
	g := accessExample(t, hostile)
	var buf bytes.Buffer
	if err := report.WriteAccess(context.Background(), &buf, "html", g, report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "access.html")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	p := browsertest.Open(t, file)
	count := func(sel string) int {
		return browsertest.Eval[int](p, `document.querySelectorAll("`+sel+`").length`)
	}
	if got := count("svg g.node"); got != len(g.Nodes) {
		t.Errorf("%d nodes drawn, want %d", got, len(g.Nodes))
	}
	if got := count("svg g.cluster"); got != 3 {
		t.Errorf("%d accounts drawn, want 3", got)
	}
	if got := count("tbody tr"); got != len(g.Findings)+len(g.Edges) {
		t.Errorf("%d rows, want %d findings and %d edges", got, len(g.Findings), len(g.Edges))
	}
	if got := count("script, img, iframe"); got != 0 {
		t.Errorf("a name became markup: %d elements", got)
	}
	p.Quiet()
	t.Logf("screenshot: %s", p.Screenshot("access.png"))
}
