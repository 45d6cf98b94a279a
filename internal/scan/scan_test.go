package scan_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/rule"
	_ "github.com/mlguard/mlguard/internal/rules/all"
	"github.com/mlguard/mlguard/internal/scan"
)

// BenchmarkScanCorpus scans a generated 1,000-file tree (see bench/gen).
func BenchmarkScanCorpus(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "corpus")
	cmd := exec.Command("go", "run", "../../bench/gen", "-files", "1000", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("generate corpus: %v\n%s", err, out)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(dir), Root: "."}}, scan.Options{})
		if err != nil || len(res.Errors) > 0 {
			b.Fatal(err, res.Errors)
		}
		b.ReportMetric(float64(len(res.Files)), "files")
	}
}

// TestScanIsDeterministic: two scans of the same tree give the same findings
// in the same order.
func TestScanIsDeterministic(t *testing.T) {
	run := func() string {
		res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS("../../examples"), Root: "."}}, scan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(res.Findings)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if a, b := run(), run(); a != b {
		t.Error("scan results differ between runs")
	}
}

// BenchmarkScanTemplates scans 200 copies of the CloudFormation platform
// example (34 resources each).
func BenchmarkScanTemplates(b *testing.B) {
	data, err := os.ReadFile("../../examples/platform/cloudformation/platform.yaml")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range 200 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("t%03d.yaml", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(dir), Root: "."}}, scan.Options{})
		if err != nil || len(res.Errors) > 0 {
			b.Fatal(err, res.Errors)
		}
	}
}

// TestUnknownsAreListed: a value that cannot be known is not judged, and the
// result says so, with the place it was written.
func TestUnknownsAreListed(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`variable "access" { type = string }
resource "aws_sagemaker_notebook_instance" "nb" {
  name                   = "nb"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  instance_type          = "ml.t3.medium"
  direct_internet_access = var.access
}
`)}}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: fsys, Root: "."}}, scan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.RuleID == "AWS-SAGEMAKER-001" {
			t.Errorf("an unknown value was judged: %s", f.Message)
		}
	}
	want := scan.Unknown{Resource: "aws_sagemaker_notebook_instance.nb", ResourceType: "aws_sagemaker_notebook_instance",
		Attribute: "direct_internet_access", File: "main.tf", Line: 6}
	for _, u := range res.Unknowns {
		if u == want {
			return
		}
	}
	t.Errorf("want %+v among %+v", want, res.Unknowns)
}

// TestKubernetesUnits: manifests of one top-level directory are judged
// together (a NetworkPolicy in another file covers the namespace), those of
// separate directories apart.
func TestKubernetesUnits(t *testing.T) {
	server := "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: triton, namespace: models}\nspec:\n  template:\n    spec:\n      containers: [{name: t, image: nvcr.io/nvidia/tritonserver:24.08-py3}]\n"
	policy := "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: models}\nspec: {podSelector: {}}\n"
	r, _ := rule.Get("K8S-NETWORK-004")
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  int
	}{
		{"same directory, two files", map[string]string{"app/server.yaml": server, "app/net/policy.yaml": policy}, 0},
		{"separate applications", map[string]string{"a/server.yaml": server, "b/policy.yaml": policy}, 1},
		{"at the root", map[string]string{"server.yaml": server, "policy.yaml": policy}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, c := range tc.files {
				fsys[p] = &fstest.MapFile{Data: []byte(c)}
			}
			res, err := scan.Run(context.Background(), []scan.Target{{FS: fsys, Root: "."}}, scan.Options{Rules: []*rule.Rule{r}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != tc.want || len(res.Errors) > 0 {
				t.Errorf("%d findings %v, errors %v; want %d", len(res.Findings), res.Findings, res.Errors, tc.want)
			}
		})
	}
}

// TestKustomizePatches: an overlay is built with its patches (both the
// patches list and the deprecated patchesStrategicMerge); a patch is not
// judged on its own, and a value a patch sets is found at the patch's line.
func TestKustomizePatches(t *testing.T) {
	patch := "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: server}\nspec:\n  template:\n    spec:\n      containers: [{name: s, args: [--verbose]}]\n"
	priv := "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: server}\nspec:\n  template:\n    spec:\n      containers:\n      - name: s\n        securityContext: {privileged: true}\n"
	fsys := fstest.MapFS{
		"overlays/prod/kustomization.yaml": {Data: []byte("resources: [../../base]\npatches:\n- path: replicas.yaml\npatchesStrategicMerge: [args.yaml]\n")},
		"overlays/prod/args.yaml":          {Data: []byte(priv)},
		"overlays/prod/replicas.yaml":      {Data: []byte(patch)},
		"base/kustomization.yaml":          {Data: []byte("resources: [deployment.yaml]\n")},
		"base/deployment.yaml":             {Data: []byte(patch)},
	}
	var rules []*rule.Rule
	for _, id := range []string{"K8S-POD-003", "K8S-POD-001", "K8S-POD-012"} {
		r, _ := rule.Get(id)
		rules = append(rules, r)
	}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: fsys, Root: "."}}, scan.Options{Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s %s:%d", f.RuleID, f.File, f.StartLine))
	}
	// The container is the base's; its securityContext is the patch's.
	want := []string{"K8S-POD-012 base/deployment.yaml:7", "K8S-POD-001 overlays/prod/args.yaml:9", "K8S-POD-003 overlays/prod/args.yaml:9"}
	if !slices.Equal(got, want) || len(res.Warnings)+len(res.Errors) > 0 {
		t.Errorf("findings %q, want %q; warnings %v, errors %v", got, want, res.Warnings, res.Errors)
	}
}

// TestARMParametersFile: a template is judged with the values of the
// parameters file beside it, and --arm-param values win over both.
func TestARMParametersFile(t *testing.T) {
	tmpl := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"access": {"type": "string", "defaultValue": "Enabled"}},
  "resources": [{"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-10-01", "name": "ws",
    "properties": {"publicNetworkAccess": "[parameters('access')]"}}]}`
	params := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {"access": {"value": "Disabled"}, "secret": {"reference": {"keyVault": {"id": "x"}, "secretName": "s"}}}}`
	r, ok := rule.Get("AZURE-ML-001")
	if !ok {
		t.Fatal("AZURE-ML-001 not registered")
	}
	for _, tc := range []struct {
		name   string
		files  fstest.MapFS
		given  map[string]string
		public bool
	}{
		{"defaults", fstest.MapFS{"azuredeploy.json": {Data: []byte(tmpl)}}, nil, true},
		{"parameters file", fstest.MapFS{"azuredeploy.json": {Data: []byte(tmpl)}, "azuredeploy.parameters.json": {Data: []byte(params)}}, nil, false},
		{"command line wins", fstest.MapFS{"azuredeploy.json": {Data: []byte(tmpl)}, "azuredeploy.parameters.json": {Data: []byte(params)}},
			map[string]string{"access": "Enabled"}, true},
		// A Key Vault reference is known only to the deployment: the
		// template's default does not apply.
		{"key vault reference", fstest.MapFS{"azuredeploy.json": {Data: []byte(tmpl)}, "azuredeploy.parameters.json": {Data: []byte(
			`{"parameters": {"access": {"reference": {"keyVault": {"id": "x"}, "secretName": "s"}}}}`)}}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := scan.Options{Rules: []*rule.Rule{r}}
			opts.ARM.Params = tc.given
			res, err := scan.Run(context.Background(), []scan.Target{{FS: tc.files, Root: "."}}, opts)
			if err != nil || len(res.Errors) > 0 || len(res.Warnings) > 0 {
				t.Fatalf("scan: %v %v %v", err, res.Errors, res.Warnings)
			}
			if got := len(res.Findings) == 1; got != tc.public {
				t.Errorf("public finding %v, want %v (%d findings)", got, tc.public, len(res.Findings))
			}
		})
	}
}

// TestKustomizeFallback: an overlay whose base cannot be built (its remote
// resource is not read, so its patch matches nothing) is not judged; its
// other base is built and judged on its own, and the error is reported
// once, at the base that fails.
func TestKustomizeFallback(t *testing.T) {
	priv := "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: s\n        image: s@sha256:0\n        securityContext: {privileged: true}\n"
	fsys := fstest.MapFS{
		"top/kustomization.yaml": {Data: []byte("resources: [../a, ../b]\n")},
		"a/kustomization.yaml":   {Data: []byte("resources:\n- https://github.com/example/base?ref=v1\npatches:\n- path: p.yaml\n")},
		"a/p.yaml":               {Data: []byte(priv)},
		"b/kustomization.yaml":   {Data: []byte("resources: [d.yaml]\n")},
		"b/d.yaml":               {Data: []byte(priv)},
	}
	r, _ := rule.Get("K8S-POD-001")
	res, err := scan.Run(context.Background(), []scan.Target{{FS: fsys, Root: "."}}, scan.Options{Rules: []*rule.Rule{r}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].File != "b/d.yaml" || res.Findings[0].Rendered == nil || res.Findings[0].Rendered.Root != "b" {
		t.Errorf("findings %+v, want one in b/d.yaml built from b", res.Findings)
	}
	if len(res.Errors) != 1 || res.Errors[0].Range.File != "a/kustomization.yaml" || !strings.Contains(res.Errors[0].Detail, "remote resources it names were not read") {
		t.Errorf("errors %v, want one at a/kustomization.yaml naming the remote resource", res.Errors)
	}
	if len(res.Warnings) != 2 || res.Warnings[0].Range.String() != "a/kustomization.yaml:2" || res.Warnings[1].Range.String() != "a/p.yaml:1" {
		t.Errorf("warnings %v, want the remote base at a/kustomization.yaml:2 and the patch left unjudged", res.Warnings)
	}
}

// TestBicepInlineSuppression: a // mlguard:ignore comment on a Bicep
// resource or property line suppresses the finding there.
func TestBicepInlineSuppression(t *testing.T) {
	src := "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {\n  name: 'ws'\n  properties: {\n    publicNetworkAccess: 'Enabled' // mlguard:ignore AZURE-ML-001 behind the firewall\n  }\n}\n"
	r, _ := rule.Get("AZURE-ML-001")
	res, err := scan.Run(context.Background(), []scan.Target{{FS: fstest.MapFS{"main.bicep": {Data: []byte(src)}}, Root: "."}}, scan.Options{Rules: []*rule.Rule{r}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Suppression == nil || res.Findings[0].Suppression.Kind != "inline" || res.Findings[0].StartLine != 4 {
		t.Errorf("findings %+v, want one at line 4 suppressed inline", res.Findings)
	}
}

// TestAwsccPlan: awscc resources are read from plan JSON too. The awscc
// provider is not available offline, so this plan is written by hand in
// the shape Terraform gives providers whose attributes are optional and
// computed: what the configuration sets is in planned_values; what it
// leaves out is known only after apply and is not judged.
func TestAwsccPlan(t *testing.T) {
	plan := `{"format_version": "1.2", "terraform_version": "1.11.4",
  "planned_values": {"root_module": {"resources": [
    {"address": "awscc_sagemaker_notebook_instance.research", "mode": "managed", "type": "awscc_sagemaker_notebook_instance",
     "name": "research", "provider_name": "registry.terraform.io/hashicorp/awscc", "schema_version": 1,
     "values": {"instance_type": "ml.t3.medium", "role_arn": "arn:aws:iam::111122223333:role/nb", "root_access": "Enabled",
                "notebook_instance_name": "research"}}]}},
  "resource_changes": [
    {"address": "awscc_sagemaker_notebook_instance.research", "mode": "managed", "type": "awscc_sagemaker_notebook_instance",
     "name": "research", "provider_name": "registry.terraform.io/hashicorp/awscc",
     "change": {"actions": ["create"], "before": null,
       "after": {"instance_type": "ml.t3.medium", "role_arn": "arn:aws:iam::111122223333:role/nb", "root_access": "Enabled", "notebook_instance_name": "research"},
       "after_unknown": {"direct_internet_access": true, "kms_key_id": true, "subnet_id": true, "id": true}}}]}`
	var rules []*rule.Rule
	for _, id := range []string{"AWS-SAGEMAKER-001", "AWS-SAGEMAKER-002", "AWS-SAGEMAKER-003", "AWS-SAGEMAKER-004"} {
		r, _ := rule.Get(id)
		rules = append(rules, r)
	}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: fstest.MapFS{"plan.json": {Data: []byte(plan)}}, Root: "."}}, scan.Options{Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.RuleID+" "+f.Resource)
	}
	if want := []string{"AWS-SAGEMAKER-002 awscc_sagemaker_notebook_instance.research"}; !slices.Equal(got, want) || len(res.Errors) > 0 {
		t.Errorf("findings %q, want %q (errors %v)", got, want, res.Errors)
	}
}

// TestSharedModuleOnce: a module two root modules call gives one finding
// where both give the same one, and two where their inputs make them
// differ.
func TestSharedModuleOnce(t *testing.T) {
	module := `variable "name" {}
variable "acl" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
resource "aws_s3_bucket_acl" "this" {
  bucket = aws_s3_bucket.this.id
  acl    = var.acl
}
`
	root := func(acl string) []byte {
		return []byte(fmt.Sprintf("module \"data\" {\n  source = \"../modules/bucket\"\n  name   = \"data\"\n  acl    = %q\n}\n", acl))
	}
	fsys := fstest.MapFS{
		"modules/bucket/main.tf": {Data: []byte(module)},
		"dev/main.tf":            {Data: root("public-read")},
		"prod/main.tf":           {Data: root("public-read")},
		"test/main.tf":           {Data: root("public-read-write")},
	}
	r, ok := rule.Get("AWS-S3-006")
	if !ok {
		t.Fatal("no AWS-S3-006")
	}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: fsys, Root: "."}}, scan.Options{Rules: []*rule.Rule{r}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s", f.File, f.StartLine, f.Message))
	}
	if len(got) != 2 || !strings.Contains(got[0], `"public-read"`) || !strings.Contains(got[1], `"public-read-write"`) {
		t.Errorf("findings %q, want one for public-read (dev and prod) and one for public-read-write (test)", got)
	}
}
