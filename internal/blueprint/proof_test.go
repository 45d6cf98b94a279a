package blueprint

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/guardrail"
	"github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/scan"

	_ "github.com/mlguard/mlguard/internal/rules/all"
)

// root is the blueprints tree of the source checkout.
const root = "../../blueprints"

func sourceBlueprints(t *testing.T) []*Blueprint {
	t.Helper()
	all, err := List(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no blueprints")
	}
	return all
}

// TestGenerated fails when a blueprint's policy or SCPs differ from what
// mlguard iam scope and mlguard guardrails compile produce now.
func TestGenerated(t *testing.T) {
	files, err := Generate(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Errorf("%s: %v (run go generate ./blueprints)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what mlguard generates now: run go generate ./blueprints", name)
		}
	}
}

// copyBlueprint copies a blueprint's directory into a temporary one and
// applies the edits, each of which must match exactly once.
func copyBlueprint(t *testing.T, b *Blueprint, edits []Edit, cfnFile string) string {
	t.Helper()
	// The embedded copy is the source tree's (TestEmbedded), without the
	// hidden files (.terraform) a local terraform run leaves.
	dst := filepath.Join(t.TempDir(), filepath.FromSlash(b.Name))
	sub, err := fs.Sub(FS(), b.Name)
	if err != nil {
		t.Fatal(err)
	}
	// Not os.CopyFS: embedded files are read-only, and the tests edit them.
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		file := e.File
		if file == "" {
			file = cfnFile
		}
		p := filepath.Join(dst, filepath.FromSlash(file))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(data), e.From); n != 1 {
			t.Fatalf("%s: %q matches %d times, want once", file, e.From, n)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), e.From, e.To, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// scanRules scans a path (a directory of Terraform, a plan, a template) and
// returns the IDs of the rules that fired, sorted, and the findings' text.
func scanRules(t *testing.T, dir, file string, opts scan.Options) ([]string, string) {
	t.Helper()
	if opts.Terraform.Vars == nil {
		opts.Terraform = terraform.Options{Vars: map[string]string{}}
	}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(dir), Root: file}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("%s: could not be read: %v", file, e)
	}
	ids := map[string]bool{}
	var text []string
	for _, f := range res.Findings {
		ids[f.RuleID] = true
		text = append(text, f.RuleID+" "+f.File+": "+f.Message)
	}
	out := make([]string, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	sort.Strings(out)
	return out, strings.Join(text, "\n")
}

func cfnOptions(b *Blueprint) scan.Options {
	return scan.Options{CloudFormation: cloudformation.Options{Params: b.CloudFormation.Parameters}}
}

// TestScanClean scans every blueprint's example (the module through the
// root that calls it) and CloudFormation template: no findings.
func TestScanClean(t *testing.T) {
	for _, b := range sourceBlueprints(t) {
		t.Run(b.Name, func(t *testing.T) {
			dir := copyBlueprint(t, b, nil, "")
			if ids, text := scanRules(t, dir, ".", scan.Options{}); len(ids) > 0 {
				t.Errorf("Terraform: findings:\n%s", text)
			}
			if b.CloudFormation != nil {
				if ids, text := scanRules(t, dir, b.CloudFormation.File, cfnOptions(b)); len(ids) > 0 {
					t.Errorf("CloudFormation: findings:\n%s", text)
				}
			}
		})
	}
}

// TestControls takes each control out of a copy of its blueprint and
// requires exactly its rules to fire, in Terraform and in CloudFormation
// alike: a clean scan is not a vacuous one.
func TestControls(t *testing.T) {
	for _, b := range sourceBlueprints(t) {
		if len(b.Controls) == 0 {
			t.Errorf("%s: no controls", b.Name)
		}
		for _, c := range b.Controls {
			t.Run(b.Name+"/"+c.Rules[0], func(t *testing.T) {
				want := slices.Clone(c.Rules)
				sort.Strings(want)
				want = slices.Compact(want)
				dir := copyBlueprint(t, b, c.Remove, "")
				got, text := scanRules(t, dir, ".", scan.Options{})
				if !slices.Equal(got, want) {
					t.Errorf("Terraform without %q: rules %v, want %v\n%s", c.Control, got, want, text)
				}
				if b.CloudFormation == nil {
					return
				}
				if len(c.RemoveCFN) == 0 {
					t.Fatalf("control %q has no CloudFormation removal", c.Control)
				}
				dir = copyBlueprint(t, b, c.RemoveCFN, b.CloudFormation.File)
				cfn, text := scanRules(t, dir, b.CloudFormation.File, cfnOptions(b))
				if !slices.Equal(cfn, got) {
					t.Errorf("CloudFormation without %q: rules %v, Terraform %v\n%s", c.Control, cfn, got, text)
				}
			})
		}
	}
}

// TestREADME requires each blueprint's README to name every rule its
// controls satisfy and every input.
func TestREADME(t *testing.T) {
	for _, b := range sourceBlueprints(t) {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(b.Name), "README.md"))
		if err != nil {
			t.Errorf("%s: %v", b.Name, err)
			continue
		}
		for _, c := range b.Controls {
			for _, r := range c.Rules {
				if !strings.Contains(string(data), r) {
					t.Errorf("%s README: no %s", b.Name, r)
				}
			}
		}
		for _, in := range b.Inputs {
			if !strings.Contains(string(data), "`"+in.Name+"`") {
				t.Errorf("%s README: input %s not described", b.Name, in.Name)
			}
		}
	}
}

func terraformAvailable(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Skip("terraform is not installed; .ci/run installs what it needs")
	}
}

// offlineOverride is merged into each aws provider block of an example (a
// Terraform override file) so that plans run with fake credentials and no
// network.
func offlineOverride(t *testing.T, dir string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var b strings.Builder
	for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
		if blk.Type != "provider" || len(blk.Labels) != 1 || blk.Labels[0] != "aws" {
			continue
		}
		b.WriteString("provider \"aws\" {\n")
		if a, ok := blk.Body.Attributes["alias"]; ok {
			v, _ := a.Expr.Value(nil)
			fmt.Fprintf(&b, "  alias = %q\n", v.AsString())
		}
		b.WriteString("  skip_credentials_validation = true\n  skip_requesting_account_id  = true\n" +
			"  skip_metadata_api_check     = true\n  skip_region_validation      = true\n}\n")
	}
	return b.String()
}

// terraformEnv sets up terraform to install providers only from the local
// mirror, with fake credentials; it skips the test where there is none.
func terraformEnv(t *testing.T) []string {
	t.Helper()
	terraformAvailable(t)
	mirror := os.Getenv("TF_PLUGIN_MIRROR")
	if mirror == "" {
		mirror = "/opt/tf-plugins"
	}
	if _, err := os.Stat(filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws")); err != nil {
		t.Skipf("no AWS provider in the plugin mirror %s (set TF_PLUGIN_MIRROR)", mirror)
	}
	dir := t.TempDir()
	rc := filepath.Join(dir, "terraformrc")
	conf := `provider_installation {
  filesystem_mirror {
    path    = "` + mirror + `"
    include = ["registry.terraform.io/*/*"]
  }
  direct { exclude = ["registry.terraform.io/*/*"] }
}
`
	if err := os.WriteFile(rc, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_PLUGIN_CACHE_DIR="+cache, "TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1", "AWS_ACCESS_KEY_ID=AKIAFAKEFAKEFAKEFAKE", "AWS_SECRET_ACCESS_KEY=fake",
		"AWS_REGION=eu-west-1", "AWS_EC2_METADATA_DISABLED=true")
}

// terraformRun runs terraform in dir and returns its output.
func terraformRun(env []string, dir string, args ...string) (string, error) {
	cmd := exec.Command("terraform", args...)
	cmd.Dir = dir
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return out.String(), err
}

// TestTerraformFormat checks every module and example with terraform fmt.
func TestTerraformFormat(t *testing.T) {
	terraformAvailable(t)
	for _, b := range sourceBlueprints(t) {
		if out, err := terraformRun(os.Environ(), filepath.Join(root, filepath.FromSlash(b.Name)), "fmt", "-check", "-recursive", "-diff"); err != nil {
			t.Errorf("%s: terraform fmt -check: %v\n%s", b.Name, err, out)
		}
	}
}

// TestPlan validates and plans every AWS blueprint's example offline, scans
// the plan JSON (no findings), and plans once more for each insecure input
// the module must refuse. Google Cloud and Azure modules are checked with
// terraform fmt and the HCL scans: their providers are not available
// offline here.
func TestPlan(t *testing.T) {
	env := terraformEnv(t)
	for _, b := range sourceBlueprints(t) {
		t.Run(b.Name, func(t *testing.T) {
			if b.Cloud != "aws" {
				t.Skipf("the %s provider is not available offline: checked by TestTerraformFormat, TestScanClean and TestControls only", b.Cloud)
			}
			dir := copyBlueprint(t, b, nil, "")
			ex := filepath.Join(dir, "example")
			if err := os.WriteFile(filepath.Join(ex, "offline_override.tf"), []byte(offlineOverride(t, ex)), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"init", "-input=false", "-no-color"}, {"validate", "-no-color"},
				{"plan", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-out=plan.bin"}} {
				if out, err := terraformRun(env, ex, args...); err != nil {
					t.Fatalf("terraform %s: %v\n%s", args[0], err, out)
				}
			}
			js, err := terraformRun(env, ex, "show", "-json", "plan.bin")
			if err != nil {
				t.Fatalf("terraform show: %v\n%s", err, js)
			}
			if err := os.WriteFile(filepath.Join(ex, "plan.json"), []byte(js), 0o644); err != nil {
				t.Fatal(err)
			}
			ids, text := scanRules(t, ex, "plan.json", scan.Options{})
			if len(ids) > 0 {
				t.Errorf("plan: findings:\n%s", text)
			}
			t.Logf("%s: plan creates %d resources; scan of the plan: %d findings", b.Name, created(t, js), len(ids))
			for _, v := range b.Validations {
				if v.Variable != "" { // not a template-only check
					refused(t, env, ex, v)
				}
			}
		})
	}
}

// created counts the managed resources a plan JSON creates.
func created(t *testing.T, js string) int {
	var plan struct {
		ResourceChanges []struct {
			Mode   string `json:"mode"`
			Change struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(js), &plan); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rc := range plan.ResourceChanges {
		if rc.Mode == "managed" && slices.Contains(rc.Change.Actions, "create") {
			n++
		}
	}
	return n
}

// refused sets one input of the example's module call to an insecure value
// and requires terraform plan to fail with the validation's message.
func refused(t *testing.T, env []string, ex string, v Validation) {
	t.Helper()
	main := filepath.Join(ex, "main.tf")
	orig, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	defer os.WriteFile(main, orig, 0o644)
	edited, err := setModuleInput(orig, v.Variable, v.Value)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(main, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := terraformRun(env, ex, "plan", "-input=false", "-refresh=false", "-lock=false", "-no-color")
	flat := strings.Join(strings.Fields(out), " ")
	if err == nil || !strings.Contains(flat, strings.Join(strings.Fields(v.Message), " ")) {
		t.Errorf("%s = %s: plan did not fail with %q (err %v)\n%s", v.Variable, v.Value, v.Message, err, out)
	}
}

// TestCloudFormationPatterns checks the templates' AllowedPattern
// constraints: each insecure value is refused, each example value accepted.
func TestCloudFormationPatterns(t *testing.T) {
	for _, b := range sourceBlueprints(t) {
		if b.CloudFormation == nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(b.Name), b.CloudFormation.File))
		if err != nil {
			t.Fatal(err)
		}
		var tmpl struct {
			Parameters map[string]struct {
				AllowedPattern string `yaml:"AllowedPattern"`
			} `yaml:"Parameters"`
		}
		if err := yaml.Unmarshal(data, &tmpl); err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		match := func(param, value string) bool {
			p := tmpl.Parameters[param].AllowedPattern
			if p == "" {
				t.Fatalf("%s: parameter %s has no AllowedPattern", b.Name, param)
			}
			return regexp.MustCompile(p).MatchString(value)
		}
		for name, value := range b.CloudFormation.Parameters {
			if tmpl.Parameters[name].AllowedPattern != "" && !match(name, value) {
				t.Errorf("%s: example %s=%q is refused by its own pattern", b.Name, name, value)
			}
		}
		n := 0
		for _, v := range b.Validations {
			if v.Parameter == "" {
				continue
			}
			n++
			if match(v.Parameter, v.ParameterValue) {
				t.Errorf("%s: %s=%q is accepted; it must be refused (%s)", b.Name, v.Parameter, v.ParameterValue, v.Message)
			}
		}
		if n == 0 {
			t.Errorf("%s: no CloudFormation validation tested", b.Name)
		}
	}
}

// TestSCPSize fills the guardrails blueprint's SCPs with the most regions
// and keys its validations allow, at their longest, and requires each to
// stay within the SCP size limit.
func TestSCPSize(t *testing.T) {
	b, err := Find(os.DirFS(root), "aws/ml-organization-guardrails")
	if err != nil {
		t.Fatal(err)
	}
	regions := slices.Repeat([]string{"ap-southeast-7"}, b.SCPs.MaxRegions)
	keys := slices.Repeat([]string{"arn:aws-us-gov:kms:ap-southeast-7:111122223333:key/mrk-0123456789abcdef0123456789abcdef"}, b.SCPs.MaxKMSKeys)
	region, key := b.SCPs.StandIns()
	spec := guardrail.Default()
	spec.Guardrails.ApprovedRegions.AWS = []string{region}
	spec.Guardrails.ApprovedKMSKeys.AWS = []string{key}
	set, err := guardrail.CompileSCPs(spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Policies {
		doc, err := json.Marshal(p.Document)
		if err != nil {
			t.Fatal(err)
		}
		full := string(doc)
		for standIn, list := range map[string][]string{region: regions, key: keys} {
			q, _ := json.Marshal(list)
			full = strings.ReplaceAll(full, `["`+standIn+`"]`, string(q))
		}
		if len(full) > guardrail.MaxSCPChars {
			t.Errorf("%s: %d characters with the most regions and keys allowed, over %d", p.Name, len(full), guardrail.MaxSCPChars)
		}
		t.Logf("%s: %d of %d characters at most", p.Name, len(full), guardrail.MaxSCPChars)
	}
}
