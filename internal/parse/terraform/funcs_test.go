package terraform

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// TestEveryTerraformFunction: the evaluator has every built-in function of
// the Terraform it follows. testdata/terraform-functions.json is what
// `terraform metadata functions -json` prints (Terraform 1.11; .ci/run
// checks it against the terraform on the PATH).
func TestEveryTerraformFunction(t *testing.T) {
	data, err := os.ReadFile("testdata/terraform-functions.json")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Signatures map[string]json.RawMessage `json:"function_signatures"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	fns := functions(nil, &evalState{dir: ".", budget: literalBudget()}, 1<<20)
	var missing []string
	for name := range meta.Signatures {
		if _, ok := fns[name]; !ok {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(meta.Signatures) < 200 || len(missing) > 0 {
		t.Errorf("%d functions in Terraform; missing here: %s", len(meta.Signatures), strings.Join(missing, " "))
	}
}

// TestNewFunctions evaluates the functions added for Terraform 1.11 parity;
// each expected value is what `terraform console` (1.11.4) prints for the
// same expression and files.
func TestNewFunctions(t *testing.T) {
	files := map[string]string{
		"main.tf": `locals {
  a = base64sha256("hello")
  b = filesha256("${path.module}/data/x.txt")
  c = fileset(path.module, "data/**/*.txt")
  d = yamldecode("k: [1, 2]")
  e = yamlencode({ k = "v" })
  f = matchkeys(["i1", "i2", "i3"], ["a", "b", "a"], ["a"])
  g = transpose({ a = ["x", "y"], b = ["x"] })
  h = timecmp("2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z")
  i = textencodebase64("hé", "UTF-16LE")
  j = templatestring(local.tpl, { name = "x" })
  k = core::upper("up")
  l = provider::aws::arn_parse(aws_s3_bucket.src.arn)
  m = base64gzip("a")
  tpl = "hello $${name}"
}
resource "aws_s3_bucket" "src" {}
resource "aws_s3_bucket" "b" {
  tags = {
    a = local.a
    b = local.b
    c = jsonencode(local.c)
    d = jsonencode(local.d)
    e = local.e
    f = jsonencode(local.f)
    g = jsonencode(local.g)
    h = local.h
    i = local.i
    j = local.j
    k = local.k
    l = local.l
    m = local.m
  }
}
`,
		"data/x.txt":     "x\n",
		"data/sub/y.txt": "y\n",
		"data/z.md":      "z\n",
	}
	res := load(t, files, Options{})
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic %v", d)
	}
	tags := attr(res, "aws_s3_bucket.b", "tags")
	if tags == nil {
		t.Fatal("no tags")
	}
	want := map[string]string{
		"a": "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
		"b": "73cb3858a687a8494ca3323053016282f3dad39d42cf62ca4e79dda2aac7d9ac",
		"c": `["data/sub/y.txt","data/x.txt"]`,
		"d": `{"k":[1,2]}`,
		"e": "\"k\": \"v\"\n",
		"f": `["i1","i3"]`,
		"g": `{"x":["a","b"],"y":["a"]}`,
		"h": "1",
		"i": "aADpAA==",
		"j": "hello x",
		"k": "UP",
		"m": "H4sIAAAAAAAA/0oEAAAA//8BAAD//0O+t+gBAAAA",
	}
	for k, w := range want {
		v := tags.Value.GetAttr(k)
		if !v.IsKnown() {
			t.Errorf("%s unknown", k)
			continue
		}
		sv, err := convert.Convert(v, cty.String)
		if err != nil {
			t.Errorf("%s: %v", k, err)
			continue
		}
		if got := sv.AsString(); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
	if l := tags.Value.GetAttr("l"); l.IsKnown() {
		t.Errorf("a provider function is known: %v", l)
	}
	if !strings.Contains(strings.Join(tags.Refs, " "), "aws_s3_bucket.src") {
		t.Errorf("the provider function's value is not linked to its argument's resource: %v", tags.Refs)
	}
}
