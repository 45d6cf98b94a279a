package access

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/scan"
)

// loadDir reads an account's directory as mlguard access does.
func loadDir(t testing.TB, dir string, acct *Account) {
	t.Helper()
	bad, err := Load(context.Background(), acct, []scan.Target{{FS: os.DirFS(dir), Root: ".", Config: &config.Config{}}}, scan.Options{})
	if err != nil || len(bad) > 0 {
		t.Fatalf("%s: %v %v", dir, err, bad)
	}
}

// example analyses examples/multi-account as its .mlguard.yaml says.
func example(t testing.TB) *Graph {
	t.Helper()
	root := filepath.Join("..", "..", "examples", "multi-account")
	data, err := os.ReadFile(filepath.Join(root, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("example", data)
	if err != nil {
		t.Fatal(err)
	}
	tenants, err := cfg.TenantOf()
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for d := range cfg.Accounts {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var accounts []*Account
	for _, d := range dirs {
		a := &Account{ID: cfg.Accounts[d].ID, Tenant: tenants[cfg.Accounts[d].ID], Dir: d}
		loadDir(t, filepath.Join(root, d), a)
		accounts = append(accounts, a)
	}
	g, err := Analyze(context.Background(), accounts, Options{OrgID: cfg.Organization.ID, Units: cfg.Organization.Units})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestExample: the example platform has one deliberate cross-tenant path
// and one condition that does not restrict; both are found, and nothing
// else.
func TestExample(t *testing.T) {
	g := example(t)
	var got []string
	for _, f := range g.Findings {
		got = append(got, f.ID+" "+f.Severity.String()+" "+f.Principal+" "+f.Asset+" "+strings.Join(f.Capabilities, ",")+" | "+PathText(f.Path)+" @ "+f.Range.String())
	}
	want := []string{
		"ACCESS-001 CRITICAL arn:aws:iam::222222222222:role/bu-a-ds arn:aws:s3:::bu-b-training-data decrypt,read | " +
			"role/bu-a-ds → assume → role/shared-mlops → read → bu-b-training-data (kms:Decrypt on aws_kms_key.training allowed by its key policy) @ bu-b/main.tf:47-49",
		"ACCESS-003 HIGH anyone arn:aws:ecr:eu-west-1:111111111111:repository/ml-base pull | " +
			"anyone → pull → ml-base (ArnLike aws:PrincipalArn: \"arn:aws:iam::*:role/ml-*\" has a wildcard account and matches principals of any AWS account) @ shared/main.tf:24-30",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(g.Notes) != 0 {
		t.Errorf("not evaluated: %v", g.Notes)
	}
	// The example's restricting conditions (aws:PrincipalOrgID on the model
	// bucket and its key) admit the units and no one else.
	for _, e := range g.Edges {
		if e.To.ID == "arn:aws:s3:::shared-ml-models" && e.From.Account != "" && e.From.Account != "111111111111" && e.Capability == "read" {
			if e.From.Tenant == "" {
				t.Errorf("%s reads the model bucket", e.From.ID)
			}
		}
	}
}

// TestQueries answers who-can and what-can from the example's graph.
func TestQueries(t *testing.T) {
	g := example(t)
	who, err := g.WhoCan("s3:GetObject", "arn:aws:s3:::bu-b-training-data/features.csv")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range who {
		got = append(got, PathText(a.Path))
	}
	want := []string{
		"role/shared-mlops → s3:GetObject → bu-b-training-data",
		"role/bu-a-ds → assume → role/shared-mlops → s3:GetObject → bu-b-training-data",
		"role/bu-b-ds → s3:GetObject → bu-b-training-data",
		"role/bu-b-sagemaker-execution → s3:GetObject → bu-b-training-data",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("who-can:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	what, err := g.WhatCan("arn:aws:iam::333333333333:role/bu-b-ds")
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, a := range what {
		got = append(got, strings.Join(a.Capabilities, ",")+" "+a.Asset)
	}
	want = []string{
		"pass arn:aws:iam::333333333333:role/bu-b-sagemaker-execution",
		"decrypt arn:aws:kms:eu-west-1:111111111111:key/tf-aws_kms_key.models",
		"decrypt arn:aws:kms:eu-west-1:333333333333:key/tf-aws_kms_key.training",
		"read,write arn:aws:s3:::bu-b-training-data",
		"read arn:aws:s3:::shared-ml-models",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("what-can:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := g.WhoCan("s3:GetObject", "arn:aws:s3:::not-in-the-graph/x"); err == nil {
		t.Error("who-can on an unknown bucket gave no error")
	}
	if _, err := g.WhatCan("arn:aws:s3:::bu-b-training-data"); err == nil {
		t.Error("what-can on an asset gave no error")
	}
}

// TestDeterministic: the same inputs give the same graph and findings.
func TestDeterministic(t *testing.T) {
	a, b := example(t), example(t)
	if len(a.Edges) != len(b.Edges) || len(a.Findings) != len(b.Findings) {
		t.Fatalf("two runs differ: %d/%d edges, %d/%d findings", len(a.Edges), len(b.Edges), len(a.Findings), len(b.Findings))
	}
	for i := range a.Edges {
		x, y := a.Edges[i], b.Edges[i]
		if x.From.ID != y.From.ID || x.To.ID != y.To.ID || x.Capability != y.Capability {
			t.Fatalf("edge %d differs: %s %s %s / %s %s %s", i, x.From.ID, x.Capability, x.To.ID, y.From.ID, y.Capability, y.To.ID)
		}
	}
}

// TestCloudFormationAccounts: with the account given, a template's
// ${Bucket.Arn} and ${AWS::AccountId} are known, so its role's read of its
// bucket is certain; the other account's role, named by the bucket policy,
// reaches it across tenants.
func TestCloudFormationAccounts(t *testing.T) {
	var accounts []*Account
	for _, a := range []*Account{{ID: "111111111111", Region: "eu-west-1", Tenant: "ta", Dir: "a"}, {ID: "222222222222", Region: "eu-west-1", Tenant: "tb", Dir: "b"}} {
		loadDir(t, filepath.Join("testdata", "cloudformation", a.Dir), a)
		accounts = append(accounts, a)
	}
	g, err := Analyze(context.Background(), accounts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range g.Edges {
		got = append(got, fmt.Sprintf("%s %s %s %v", e.From.ID, e.Capability, e.To.ID, e.Conditional))
	}
	want := []string{
		"arn:aws:iam::111111111111:role/a-ds read arn:aws:s3:::a-data false",
		"arn:aws:iam::222222222222:role/reader read arn:aws:s3:::a-data false",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(g.Findings) != 1 || g.Findings[0].ID != CrossTenant || g.Findings[0].Principal != "arn:aws:iam::222222222222:role/reader" {
		t.Errorf("findings: %+v", g.Findings)
	}
}
