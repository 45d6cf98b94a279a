package terraform

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// doubling is a chain of n locals, each its predecessor twice.
func doubling(n int) string {
	var b strings.Builder
	b.WriteString("locals {\n  l0 = \"ab\"\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  l%d = \"${local.l%d}${local.l%d}\"\n", i, i-1, i-1)
	}
	b.WriteString("}\n")
	return b.String()
}

// TestEvaluationIsBounded: each hostile expression is stopped, reported at
// its line, and unknown; the bucket beside it is still evaluated.
func TestEvaluationIsBounded(t *testing.T) {
	bucket := "resource \"aws_s3_bucket\" \"ok\" {\n  bucket = \"still-read\"\n}\n"
	cases := []struct {
		name, src, attr string
		line            int
		want            string
	}{
		{"doubling locals", doubling(41) + "resource \"aws_s3_bucket\" \"b\" {\n  bucket = local.l41\n}\n", "bucket", 26, "more than"},
		{"nested for over range", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = jsonencode([for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]])\n}\n", "bucket", 2, "steps"},
		{"setproduct", "locals {\n  r = range(1000)\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = jsonencode(setproduct(local.r, local.r, local.r))\n}\n", "bucket", 5, "setproduct() would produce"},
		{"format width", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = format(\"%999999999d\", 1)\n}\n", "bucket", 2, "format() would produce"},
		{"replace", "locals {\n  s = join(\"\", [for i in range(1000) : \"aaaaaaaaaa\"])\n  r = join(\"\", [for i in range(1000) : \"bbbbbbbbbb\"])\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = replace(local.s, \"a\", local.r)\n}\n", "bucket", 6, "replace() would produce"},
		{"one template joining a large value many times", "locals {\n  s = format(\"%1000000s\", \"\")\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"" + strings.Repeat("${local.s}", 40) + "\"\n}\n", "bucket", 5, "join more than"},
		{"template directive loops", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"%{for i in range(1000)}%{for j in range(1000)}%{for k in range(1000)}x%{endfor}%{endfor}%{endfor}\"\n}\n", "bucket", 2, "steps"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := load(t, map[string]string{"main.tf": c.src + bucket}, Options{})
			if a := attr(res, "aws_s3_bucket.b", c.attr); a == nil || a.Value.IsWhollyKnown() {
				t.Errorf("aws_s3_bucket.b.%s = %v, want unknown", c.attr, a)
			}
			if a := attr(res, "aws_s3_bucket.ok", "bucket"); a == nil || a.Value.AsString() != "still-read" {
				t.Errorf("the other bucket was not evaluated: %v", a)
			}
			found := false
			for _, d := range res.Diagnostics {
				if d.Summary == "Evaluation bound exceeded" && strings.Contains(d.Detail, c.want) && d.Range.StartLine == c.line {
					found = true
				}
			}
			if !found {
				t.Errorf("no \"Evaluation bound exceeded\" (%s) at line %d: %v", c.want, c.line, res.Diagnostics)
			}
		})
	}
}

// TestRootBudget: modules that fan out without end exhaust the root's
// budget; the evaluation stops with one error and the run returns.
func TestRootBudget(t *testing.T) {
	files := map[string]string{"main.tf": "module \"m\" {\n  source = \"./m\"\n  count = 1000\n}\n"}
	for i := 0; i < 6; i++ {
		next := fmt.Sprintf("m%s", strings.Repeat("/m", i+1))
		files[fmt.Sprintf("m%s/main.tf", strings.Repeat("/m", i))] = "module \"m\" {\n  source = \"./m\"\n  count = 1000\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n"
		_ = next
	}
	res := load(t, files, Options{Eval: EvalLimits{RootSteps: 20_000, Timeout: time.Hour}})
	stops := 0
	for _, d := range res.Diagnostics {
		if d.Summary == "Evaluation stopped" {
			stops++
			if !strings.Contains(d.Detail, "20000 steps") {
				t.Errorf("detail %q", d.Detail)
			}
		}
	}
	if stops != 1 {
		t.Fatalf("%d \"Evaluation stopped\" diagnostics, want 1: %v", stops, res.Diagnostics)
	}
}

// TestLiteralsAreBounded: tfvars (evaluated without functions) may still
// hold for expressions over literals; they are bounded too.
func TestLiteralsAreBounded(t *testing.T) {
	list := "[" + strings.TrimSuffix(strings.Repeat("1,", 1000), ",") + "]"
	res := load(t, map[string]string{
		"main.tf":          "variable \"v\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = jsonencode(var.v)\n}\n",
		"terraform.tfvars": "v = [for a in " + list + " : [for b in " + list + " : [for c in " + list + " : c]]]\n",
	}, Options{})
	if a := attr(res, "aws_s3_bucket.b", "bucket"); a == nil || a.Value.IsWhollyKnown() {
		t.Errorf("bucket = %v, want unknown", a)
	}
	if !strings.Contains(fmt.Sprint(res.Diagnostics), "terraform.tfvars:1: Evaluation bound exceeded") {
		t.Errorf("diagnostics %v", res.Diagnostics)
	}
}

func TestMeasure(t *testing.T) {
	res := load(t, map[string]string{"main.tf": "locals {\n  m = { a = [\"xy\", \"z\"], b = { c = \"1234\" } }\n}\nresource \"aws_s3_bucket\" \"b\" {\n  tags = { x = jsonencode(local.m) }\n}\n"}, Options{})
	if a := attr(res, "aws_s3_bucket.b", "tags"); a == nil {
		t.Fatal("no tags")
	}
	elems, bytes := measure(attr(res, "aws_s3_bucket.b", "tags").Value, 100, 100)
	if elems != 1 || bytes != 1+len(`{"a":["xy","z"],"b":{"c":"1234"}}`) {
		t.Errorf("measure = %d elements, %d bytes", elems, bytes)
	}
}

// TestTemplatePrefixKept: a bounded template keeps what HCL keeps of a
// partly unknown string, its known start, which rules read
// ("serviceAccount:" before an unknown email).
func TestTemplatePrefixKept(t *testing.T) {
	res := load(t, map[string]string{"main.tf": "variable \"e\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"serviceAccount:${var.e}\"\n}\n"}, Options{})
	a := attr(res, "aws_s3_bucket.b", "bucket")
	if a == nil || a.Value.IsKnown() {
		t.Fatalf("bucket = %v", a)
	}
	if rng := a.Value.Range(); rng.StringPrefix() != "serviceAccount:" {
		t.Errorf("known prefix %q", rng.StringPrefix())
	}
}

// TestUnknownExpansionOncePerBlock: a module called from several places
// warns of its unknown for_each once, with the count of the other instances.
func TestUnknownExpansionOncePerBlock(t *testing.T) {
	res := load(t, map[string]string{
		"main.tf":   "module \"a\" {\n  source = \"./m\"\n}\nmodule \"b\" {\n  source = \"./m\"\n}\nmodule \"c\" {\n  source = \"./m\"\n}\n",
		"m/main.tf": "variable \"names\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  for_each = var.names\n  bucket   = each.key\n}\n",
	}, Options{})
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Error())
	}
	if len(got) != 1 || !strings.Contains(got[0], "m/main.tf:3: Unknown for_each") || !strings.Contains(got[0], "(and 2 other instances of the same block)") {
		t.Errorf("diagnostics %q", got)
	}
}

// TestTemplateSuffixKept: what a template ends with after its last
// interpolation is kept beside the unknown value, and only for templates.
func TestTemplateSuffixKept(t *testing.T) {
	res := load(t, map[string]string{"main.tf": `variable "id" {}
resource "aws_s3_bucket" "b" {
  bucket = "${var.id}/blobServices/default"
  acl    = var.id
  policy = "known"
}
`}, Options{})
	for name, want := range map[string]string{"bucket": "/blobServices/default", "acl": "", "policy": ""} {
		if a := attr(res, "aws_s3_bucket.b", name); a == nil || a.Suffix != want {
			t.Errorf("%s: suffix %+v, want %q", name, a, want)
		}
	}
}
