package policy_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/model/gcp"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/policy"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rule/ruletest"
	"github.com/mlguard/mlguard/internal/source"
)

const examples = "../../examples/policies"

func loadExamples(t *testing.T) *policy.Set {
	t.Helper()
	set, err := policy.Load(context.Background(), os.DirFS(examples), ".", policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestExampleFixtures: the example policies go through the harness every
// built-in rule goes through, on fixtures in every format they cover.
func TestExampleFixtures(t *testing.T) {
	set := loadExamples(t)
	if len(set.Rules) != 5 {
		t.Fatalf("%d rules in the examples, want 5", len(set.Rules))
	}
	for _, r := range set.Rules {
		dir := filepath.Join("testdata", r.ID)
		fixtures := []string{"fail", "pass"}
		if r.Provider == "kubernetes" {
			fixtures = []string{"fail.k8s.yaml", "pass.k8s.yaml"}
		}
		for _, f := range fixtures {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("%s: no %s fixture", r.ID, f)
			}
		}
		ruletest.Fixtures(t, r, dir)
	}
}

func TestExampleMetadata(t *testing.T) {
	set := loadExamples(t)
	var r *rule.Rule
	for _, x := range set.Rules {
		if x.ID == "ORG-SAGEMAKER-001" {
			r = x
		}
	}
	if r == nil {
		t.Fatal("ORG-SAGEMAKER-001 not loaded")
	}
	if r.ID != "ORG-SAGEMAKER-001" || r.Slug != "notebook-lifecycle" || r.Severity != rule.Medium ||
		r.Category != rule.SupplyChain || r.Provider != "aws" || r.Service != "sagemaker" ||
		len(r.Resources) != 2 || strings.Join(r.Frameworks[rule.NIST80053], ",") != "CM-2,CM-7" ||
		!strings.HasPrefix(r.Rationale, "The platform's lifecycle") || r.Remediation == "" ||
		len(r.References) != 1 || r.Title == "" {
		t.Errorf("metadata: %+v", r.Metadata)
	}
}

// TestLoadLenient: a short custom ID (CUSTOM-001, PLATFORM) is a rule ID,
// and a policy without a remediation gets one that says so.
func TestLoadLenient(t *testing.T) {
	const deny = "import rego.v1\n\ndeny contains {\"resource\": \"a\", \"message\": \"m\"} if input.x\n"
	for _, id := range []string{"CUSTOM-001", "PLATFORM", "ORG-ML-12"} {
		src := "# METADATA\n# title: T\n# custom:\n#   id: " + id + "\n#   severity: HIGH\n#   category: identity\npackage a\n" + deny
		set, err := policy.Load(context.Background(), fstest.MapFS{"a.rego": {Data: []byte(src)}}, ".", policy.Options{})
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if r := set.Rules[0]; r.ID != id || !strings.Contains(r.Remediation, "gives no remediation") {
			t.Errorf("%s: loaded as %s, remediation %q", id, r.ID, r.Remediation)
		}
	}
}

// TestLoadErrors: every way a policy set can be wrong is an error naming the
// file and line.
func TestLoadErrors(t *testing.T) {
	const head = "# METADATA\n# title: T\n# custom:\n#   id: ORG-X-001\n#   severity: HIGH\n#   category: identity\n#   remediation: R\n"
	const deny = "import rego.v1\n\ndeny contains {\"resource\": \"a\", \"message\": \"m\"} if input.x\n"
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"syntax", map[string]string{"a.rego": "package a\n\ndeny contains x if {\n"}, "a.rego:4: unexpected eof"},
		{"unsafe variable", map[string]string{"a.rego": head + "package a\n" + "import rego.v1\n\ndeny contains x if {\n\ty == 1\n}\n"}, "a.rego:11: var"},
		{"network", map[string]string{"a.rego": head + "package a\n" + "import rego.v1\n\ndeny contains x if {\n\tx := http.send({\"method\": \"get\", \"url\": \"http://x\"})\n}\n"}, "a.rego:12: undefined function http.send"},
		{"bad severity", map[string]string{"a.rego": strings.Replace(head, "HIGH", "URGENT", 1) + "package a\n" + deny}, `a.rego:1: METADATA of package a: custom.severity: unknown severity "URGENT"`},
		{"bad category", map[string]string{"a.rego": strings.Replace(head, "identity", "iam", 1) + "package a\n" + deny}, `custom.category "iam" is not one of`},
		{"bad id", map[string]string{"a.rego": strings.Replace(head, "ORG-X-001", "org_x", 1) + "package a\n" + deny}, `custom.id "org_x" is not a rule ID`},
		{"misspelt key", map[string]string{"a.rego": strings.Replace(head, "#   remediation: R\n", "#   remediation: R\n#   serverity: LOW\n", 1) + "package a\n" + deny}, `unknown custom field "serverity"`},
		{"no title", map[string]string{"a.rego": strings.Replace(head, "# title: T\n", "", 1) + "package a\n" + deny}, "title is missing"},
		{"no deny", map[string]string{"a.rego": head + "package a\n\nimport rego.v1\n\nallow := true\n"}, "a.rego:1: rule ORG-X-001: package a has no deny rule"},
		{"deny without metadata", map[string]string{"a.rego": "package a\n\n" + deny}, "a.rego:5: package a has a deny rule but no METADATA"},
		{"duplicate id", map[string]string{"a.rego": head + "package a\n" + deny, "b.rego": head + "package b\n" + deny}, "b.rego:1: rule ID ORG-X-001 is already declared at a.rego:1"},
		{"built-in id", map[string]string{"a.rego": strings.Replace(head, "ORG-X-001", "AWS-SAGEMAKER-001", 1) + "package a\n" + deny}, "a.rego:1: rule ID AWS-SAGEMAKER-001 belongs to a built-in rule"},
		{"no files", map[string]string{"README.md": "x"}, "no .rego files"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, text := range c.files {
				fsys[n] = &fstest.MapFile{Data: []byte(text)}
			}
			_, err := policy.Load(context.Background(), fsys, ".", policy.Options{Reserved: func(id string) bool { return id == "AWS-SAGEMAKER-001" }})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

// evalOne loads one policy and runs its rule on a model.
func evalOne(t *testing.T, body string, m *aws.Model) ([]rule.Result, error) {
	t.Helper()
	text := "# METADATA\n# title: T\n# custom:\n#   id: ORG-X-001\n#   severity: HIGH\n#   category: identity\n#   remediation: R\npackage a\n\nimport data.mlguard.lib\nimport rego.v1\n\n" + body
	set, err := policy.Load(context.Background(), fstest.MapFS{"a.rego": {Data: []byte(text)}}, ".", policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.Index()
	return set.Rules[0].Run(context.Background(), &rule.Input{AWS: m})
}

func notebook(kms model.Ref) *aws.Model {
	res := model.Resource{Address: "aws_sagemaker_notebook_instance.nb", Type: "aws_sagemaker_notebook_instance", Format: "terraform",
		Range: source.Range{File: "main.tf", StartLine: 1, EndLine: 9}}
	return &aws.Model{NotebookInstances: []*aws.NotebookInstance{{Resource: res, KMSKey: kms}}}
}

// TestViolations: what a deny object becomes, and what is refused.
func TestViolations(t *testing.T) {
	written := model.Meta{Explicit: true, Range: source.Range{File: "main.tf", StartLine: 4, EndLine: 4}}
	unknown := written
	unknown.Unknown = true
	cases := []struct {
		name, body string
		kms        model.Ref
		want       string // file:line message, or the error
	}{
		{"at a written value", `deny contains {"resource": nb, "at": nb.kms_key, "message": "m"} if some nb in input.aws.notebook_instances`,
			model.Ref{Meta: written, Value: "k"}, "main.tf:4 m"},
		{"at a default: on the resource", `deny contains {"resource": nb, "at": nb.kms_key, "message": "m"} if some nb in input.aws.notebook_instances`,
			model.Ref{}, "main.tf:1-9 m"},
		{"by address", `deny contains {"resource": "aws_sagemaker_notebook_instance.nb", "message": "m"} if true`,
			model.Ref{}, "main.tf:1-9 m"},
		{"unknown value: not reported", `deny contains {"resource": nb, "at": nb.kms_key, "message": "m"} if some nb in input.aws.notebook_instances`,
			model.Ref{Meta: unknown}, ""},
		{"unknown but linked: reported", `deny contains {"resource": nb, "at": nb.kms_key, "message": "m"} if some nb in input.aws.notebook_instances`,
			model.Ref{Meta: unknown, Targets: []string{"aws_kms_key.k"}}, "main.tf:4 m"},
		{"lib.absent is false on unknown", `deny contains {"resource": nb, "message": "m"} if { some nb in input.aws.notebook_instances; lib.absent(nb.kms_key) }`,
			model.Ref{Meta: unknown}, ""},
		{"not an object", `deny contains "m" if true`, model.Ref{}, `a.rego:1: rule ORG-X-001: deny produced "m": want an object`},
		{"no message", `deny contains {"resource": "aws_sagemaker_notebook_instance.nb"} if true`, model.Ref{}, "message is missing"},
		{"unknown address", `deny contains {"resource": "aws_s3_bucket.b", "message": "m"} if true`, model.Ref{}, `resource "aws_s3_bucket.b" is not in the input`},
		{"conflict", `deny := 1 if true` + "\n" + `deny := 2 if true`, model.Ref{}, "a.rego:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, err := evalOne(t, c.body, notebook(c.kms))
			got := ""
			switch {
			case err != nil:
				got = err.Error()
			case len(rs) > 1:
				t.Fatalf("%d results", len(rs))
			case len(rs) == 1:
				got = rs[0].Range.String() + " " + rs[0].Message
			}
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestInputDocumented: every collection of the input is in
// docs/policy-input.md, so the reference cannot fall behind the model.
func TestInputDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/policy-input.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, mt := range []reflect.Type{reflect.TypeOf(aws.Model{}), reflect.TypeOf(kubernetes.Model{}), reflect.TypeOf(gcp.Model{}), reflect.TypeOf(azure.Model{})} {
		for i := range mt.NumField() {
			name, _, _ := strings.Cut(mt.Field(i).Tag.Get("json"), ",")
			if name != "" && name != "-" && !strings.Contains(string(doc), "`"+name+"`") {
				t.Errorf("%s collection %s is not in docs/policy-input.md", mt.PkgPath(), name)
			}
		}
	}
}
