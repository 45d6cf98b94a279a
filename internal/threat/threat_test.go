package threat_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlguard/mlguard/internal/rule"
	_ "github.com/mlguard/mlguard/internal/rules/all"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/threat"
)

// TestCatalogue: every control names a rule of mlguard, and every threat
// applies to some class.
func TestCatalogue(t *testing.T) {
	cat, err := threat.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Threats) < 10 {
		t.Errorf("%d threats", len(cat.Threats))
	}
	for _, th := range cat.Threats {
		if len(th.AppliesTo) == 0 || th.Description == "" || th.Title == "" {
			t.Errorf("%s is incomplete", th.ID)
		}
		for _, id := range th.Controls {
			if _, ok := rule.Get(id); !ok {
				t.Errorf("%s: control %s is no rule", th.ID, id)
			}
		}
	}
}

// TestTrustedAccounts: an account a trust policy names is an entity that
// may assume the role; anyone and placeholders are not.
func TestTrustedAccounts(t *testing.T) {
	dir := t.TempDir()
	main := `resource "aws_iam_role" "shared" {
  name = "shared-mlops"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Principal = { AWS = ["arn:aws:iam::444455556666:role/ci", "777788889999"] }, Action = "sts:AssumeRole" },
      { Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" },
      { Effect = "Deny", Principal = { AWS = "111122223333" }, Action = "sts:AssumeRole" },
    ]
  })
}
`
	if err := os.WriteFile(dir+"/main.tf", []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	units := &threat.Units{}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(dir), Root: "."}}, scan.Options{OnInput: units.Add})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := threat.Builtin()
	tm := threat.Build(units.List(), res, cat)
	var got []string
	for _, f := range tm.Flows {
		got = append(got, name(tm, f.From)+" > "+name(tm, f.To)+": "+f.Label)
	}
	want := []string{"AWS account 444455556666 > aws_iam_role.shared: may assume (trust policy)", "AWS account 777788889999 > aws_iam_role.shared: may assume (trust policy)"}
	if !slices.Equal(got, want) {
		t.Errorf("flows %q, want %q", got, want)
	}
}

func TestCatalogueRefusesMistakes(t *testing.T) {
	for _, c := range []struct{ in, err string }{
		{"version: 1\nthreats:\n  - {id: A, title: t, stride: spoofing, severity: HIGH, applies_to: [nope]}\n", `element class "nope"`},
		{"version: 1\nthreats:\n  - {id: A, title: t, stride: spoof, severity: HIGH}\n", `STRIDE category "spoof"`},
		{"version: 1\nthreats:\n  - {id: A, title: t, stride: spoofing}\n", "no severity"},
		{"version: 1\nthreats:\n  - {id: A, title: t, stride: spoofing, severity: HIGH}\n  - {id: A, title: t, stride: spoofing, severity: HIGH}\n", "unique"},
		{"version: 1\nthreat: []\n", "field threat not found"},
	} {
		if _, err := threat.ParseCatalogue([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.err)
		}
	}
}

// platformModel builds the threat model of the bundled SageMaker platform.
func platformModel(t *testing.T) *threat.Model {
	t.Helper()
	units := &threat.Units{}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS("../../examples/platform"), Root: "terraform", Prefix: "examples/platform"}},
		scan.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), OnInput: units.Add})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := threat.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return threat.Build(units.List(), res, cat)
}

// TestPlatform: the bundled platform's diagram, statuses and attack paths.
func TestPlatform(t *testing.T) {
	tm := platformModel(t)
	byName := map[string]*threat.Element{}
	for _, e := range tm.Elements {
		byName[e.Name] = e
	}
	status := func(elem, th string) string {
		e := byName[elem]
		if e == nil {
			t.Fatalf("no element %s", elem)
		}
		for _, a := range e.Threats {
			if a.Threat == th {
				return a.Status
			}
		}
		return "n/a"
	}
	for _, c := range []struct{ elem, threat, want string }{
		{"aws_sagemaker_notebook_instance.research", "TM-006", threat.Open},                      // direct internet, root, IMDSv1
		{"aws_iam_role.execution", "TM-007", threat.Open},                                        // PassRole to any role
		{"aws_s3_bucket.models", "TM-002", threat.Mitigated},                                     // not public
		{"aws_s3_bucket.models", "TM-010", threat.Open},                                          // no data events, no access logs
		{"aws_sagemaker_endpoint_configuration.churn_endpoint_config", "TM-005", threat.Unknown}, // no rule judges rate limits
		{"aws_s3_bucket.models", "TM-006", "n/a"},                                                // credentials threats are not a bucket's
	} {
		if got := status(c.elem, c.threat); got != c.want {
			t.Errorf("%s on %s: %s, want %s", c.threat, c.elem, got, c.want)
		}
	}
	for _, b := range []string{"AWS account (examples/platform/terraform)", "VPC aws_vpc.platform", "public subnets of aws_vpc.platform", "The internet"} {
		if !slices.ContainsFunc(tm.Boundaries, func(x *threat.Boundary) bool { return x.Name == b }) {
			t.Errorf("no boundary %q", b)
		}
	}
	// The notebook's subnet routes to an internet gateway (AWS-SAGEMAKER-034).
	if bd := tm.Boundaries[index(tm, byName["aws_sagemaker_notebook_instance.research"].Boundary)]; bd.Kind != "public-subnet" ||
		tm.Boundaries[index(tm, bd.Parent)].Name != "VPC aws_vpc.platform" {
		t.Errorf("the notebook is in %+v, not in a public subnet of its VPC", bd)
	}
	var paths []string
	for _, p := range tm.Paths {
		var names []string
		for _, id := range p {
			names = append(names, name(tm, id))
		}
		paths = append(paths, strings.Join(names, " > "))
	}
	want := []string{
		"The internet > aws_sagemaker_notebook_instance.research > aws_iam_role.execution",
		"The internet > aws_sagemaker_domain.studio > aws_iam_role.execution",
		"The internet > aws_sagemaker_model.churn_model > aws_iam_role.execution",
		"The internet > aws_sagemaker_model.churn_model > aws_s3_bucket.models",
		"The internet > aws_sagemaker_model_package_group_policy.churn",
	}
	if !slices.Equal(paths, want) {
		t.Errorf("attack paths\n%s\nwant\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
	if s := tm.Summary; s.Open == 0 || s.Mitigated == 0 || s.Unknown == 0 || s.Elements != len(tm.Elements) {
		t.Errorf("summary %+v", s)
	}
}

func index(tm *threat.Model, id string) int {
	for i, b := range tm.Boundaries {
		if b.ID == id {
			return i
		}
	}
	return -1
}

func name(tm *threat.Model, id string) string {
	for _, e := range tm.Elements {
		if e.ID == id {
			return e.Name
		}
	}
	return id
}

// TestRebuildSame: building twice gives the same model.
func TestRebuildSame(t *testing.T) {
	a, b := platformModel(t), platformModel(t)
	if len(a.Elements) != len(b.Elements) || len(a.Flows) != len(b.Flows) || len(a.Paths) != len(b.Paths) {
		t.Fatalf("two builds differ: %d/%d elements, %d/%d flows", len(a.Elements), len(b.Elements), len(a.Flows), len(b.Flows))
	}
	for i := range a.Flows {
		if *a.Flows[i] != *b.Flows[i] {
			t.Errorf("flow %d: %+v vs %+v", i, a.Flows[i], b.Flows[i])
		}
	}
}
