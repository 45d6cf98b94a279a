package policy_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/policy"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

const header = "# METADATA\n# title: T\n# custom:\n#   id: ORG-X-001\n#   severity: HIGH\n#   category: identity\n#   remediation: R\npackage a\n\nimport rego.v1\n\n"

func evalWith(t *testing.T, body string, lim policy.Limits) ([]rule.Result, error) {
	t.Helper()
	set, err := policy.Load(context.Background(), fstest.MapFS{"a.rego": {Data: []byte(header + body)}}, ".", policy.Options{Limits: lim})
	if err != nil {
		return nil, err
	}
	m := notebook(model.Ref{})
	m.Index()
	return set.Rules[0].Run(context.Background(), &rule.Input{AWS: m})
}

// TestPolicyBounds: each hostile policy is stopped and named (file, line,
// rule and the bound); none takes the machine's memory or runs forever.
func TestPolicyBounds(t *testing.T) {
	const nb = `"aws_sagemaker_notebook_instance.nb"`
	cases := []struct {
		name, body string
		lim        policy.Limits
		want       string
	}{
		{"numbers.range", `deny contains {"resource": ` + nb + `, "message": "m"} if count(numbers.range(1, 1e9)) > 0`, policy.Limits{},
			"a.rego:1: rule ORG-X-001: stopped: a.rego:12: evaluation bound exceeded: numbers.range: more than 1000000 elements"},
		{"numbers.range_step", `deny contains {"resource": ` + nb + `, "message": "m"} if count(numbers.range_step(0, 1e12, 2)) > 0`, policy.Limits{},
			"numbers.range_step: more than 1000000 elements"},
		{"net.cidr_expand", `deny contains {"resource": ` + nb + `, "message": "m"} if count(net.cidr_expand("10.0.0.0/8")) > 0`, policy.Limits{},
			"net.cidr_expand: 10.0.0.0/8 holds more than 65536 addresses"},
		{"sprintf width", `deny contains {"resource": ` + nb + `, "message": sprintf("%0999999999d", [1])} if true`, policy.Limits{},
			"sprintf: a width or precision over 10000"},
		{"render_template refused", `deny contains {"resource": ` + nb + `, "message": strings.render_template("{{.x}}", {"x": 1})} if true`, policy.Limits{},
			"undefined function strings.render_template"},
		{"deadline", `deny contains {"resource": ` + nb + `, "message": "m"} if { some i in numbers.range(1, 1000000); some j in numbers.range(1, 1000000); i == j + 1000001 }`,
			policy.Limits{Timeout: 200 * time.Millisecond}, "stopped: evaluation bound exceeded: evaluation took longer than 200ms"},
		{"heap", `deny contains {"resource": ` + nb + `, "message": "m"} if { xs := [x | some i in numbers.range(1, 1000000); some j in numbers.range(1, 1000); x := concat("", [format_int(i, 10), "-", format_int(j, 10)])]; count(xs) < 0 }`,
			policy.Limits{Timeout: time.Hour, HeapBytes: 64 << 20}, "stopped: evaluation bound exceeded: the heap grew by more than 64 MiB"},
		{"violations", `deny contains {"resource": ` + nb + `, "message": sprintf("m%d", [i])} if some i in numbers.range(1, 20)`, policy.Limits{Violations: 10},
			"stopped: evaluation bound exceeded: more than 10 violations on one unit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := evalWith(t, c.body, c.lim)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q in it", err, c.want)
			}
		})
	}
}

// TestLongMessagesCut: a message over the bound is cut, and says so.
func TestLongMessagesCut(t *testing.T) {
	rs, err := evalWith(t, `deny contains {"resource": "aws_sagemaker_notebook_instance.nb", "message": concat("", [s | some _ in numbers.range(1, 5000); s := "ab"])} if true`, policy.Limits{Message: 100})
	if err != nil || len(rs) != 1 {
		t.Fatalf("%v, %v", rs, err)
	}
	if m := rs[0].Message; !strings.HasPrefix(m, strings.Repeat("ab", 50)+"... (message cut at 100 of its 10000 bytes)") {
		t.Errorf("message %q", m)
	}
}

// TestSecretsRedacted: the input policies see (and --dump-input prints)
// holds a marker where the code holds a secret; a policy can still test
// that one is there.
func TestSecretsRedacted(t *testing.T) {
	m := &aws.Model{Functions: []*aws.Function{{
		Resource: model.Resource{Address: "aws_lambda_function.f", Type: "aws_lambda_function", Format: "terraform", Range: source.Range{File: "main.tf", StartLine: 1, EndLine: 5}},
		Environment: model.StringMap{Values: map[string]model.String{
			"DB_PASSWORD": {Value: "hunter2-hunter2"},
			"HF":          {Value: "hf_" + strings.Repeat("a", 34)},
			"MODEL_NAME":  {Value: "churn"},
		}},
	}}}
	m.Index()
	in := &rule.Input{AWS: m}
	doc, err := policy.Input(in)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	if strings.Contains(text, "hunter2") || strings.Contains(text, "hf_aaa") || !strings.Contains(text, `"churn"`) ||
		strings.Count(text, policy.RedactedPrefix) != 2 {
		t.Errorf("input: %s", text)
	}
	body := `deny contains {"resource": f, "message": "a password in the environment"} if { some f in input.aws.lambda_functions; startswith(f.environment.values.DB_PASSWORD.value, "redacted:") }`
	set, err := policy.Load(context.Background(), fstest.MapFS{"a.rego": {Data: []byte(header + body)}}, ".", policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := set.Rules[0].Run(context.Background(), in)
	if err != nil || len(rs) != 1 {
		t.Errorf("results %v, %v", rs, err)
	}
}
