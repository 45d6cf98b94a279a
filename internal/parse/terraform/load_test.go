package terraform

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/zclconf/go-cty/cty"

	"github.com/mlguard/mlguard/internal/source"
)

func load(t testing.TB, files map[string]string, opts Options) *Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	tree, err := source.Discover(context.Background(), fsys, ".", source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Load(context.Background(), tree, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// attr finds an attribute of a resource by address, following nested blocks
// with dots: "aws_x.y" and "vpc_config.subnets".
func attr(res *Result, addr, name string) *Attr {
	for _, u := range res.Units {
		for _, r := range u.Resources {
			if r.Address != addr {
				continue
			}
			b := r.Body
			parts := strings.Split(name, ".")
			for _, p := range parts[:len(parts)-1] {
				nb := b.Nested(p)
				if len(nb) == 0 {
					return nil
				}
				b = nb[0]
			}
			return b.Attr(parts[len(parts)-1])
		}
	}
	return nil
}

func addresses(res *Result) []string {
	var out []string
	for _, u := range res.Units {
		for _, r := range u.Resources {
			out = append(out, r.Address)
		}
	}
	return out
}

func render(a *Attr) string {
	if a == nil {
		return "<absent>"
	}
	if !a.Value.IsWhollyKnown() {
		return "<unknown>"
	}
	if a.Value.Type() == cty.String {
		return a.Value.AsString()
	}
	return a.Value.GoString()
}

func TestEvaluation(t *testing.T) {
	cases := []struct {
		name        string
		files       map[string]string
		opts        Options
		addr, attr  string
		want        string
		refs        string
		diagnostics string // substring expected in some diagnostic
	}{
		{name: "variable default", files: map[string]string{"main.tf": `
variable "v" { default = "Disabled" }
resource "aws_x" "a" { v = var.v }`}, addr: "aws_x.a", attr: "v", want: "Disabled"},
		{name: "unset variable is unknown", files: map[string]string{"main.tf": `
variable "v" {}
resource "aws_x" "a" { v = var.v }`}, addr: "aws_x.a", attr: "v", want: "<unknown>"},
		{name: "tfvars over default, auto.tfvars over tfvars, --var last", files: map[string]string{
			"main.tf": `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
resource "aws_x" "a" { v = "${var.a}/${var.b}/${var.c}" }`,
			"terraform.tfvars": "a = \"tfvars\"\nb = \"tfvars\"\nc = \"tfvars\"\n",
			"x.auto.tfvars":    "b = \"auto\"\nc = \"auto\"\n",
		}, opts: Options{Vars: map[string]string{"c": "cli"}}, addr: "aws_x.a", attr: "v", want: "tfvars/auto/cli"},
		{name: "var file", files: map[string]string{"main.tf": `
variable "n" { type = number }
resource "aws_x" "a" { v = var.n * 2 }`}, opts: Options{VarFiles: []VarFile{{Name: "x.tfvars", Data: []byte("n = 21")}}},
			addr: "aws_x.a", attr: "v", want: "cty.NumberIntVal(42)"},
		{name: "optional object attribute default", files: map[string]string{"main.tf": `
variable "o" {
  type    = object({ mode = optional(string, "VpcOnly"), n = number })
  default = { n = 1 }
}
resource "aws_x" "a" { v = var.o.mode }`}, addr: "aws_x.a", attr: "v", want: "VpcOnly"},
		{name: "locals, conditionals and functions", files: map[string]string{"main.tf": `
locals {
  env   = "prod"
  names = { for k in ["a", "b"] : k => upper(k) }
  val   = local.env == "prod" ? join("-", [lookup(local.names, "a"), format("%02d", length(local.names))]) : "x"
}
resource "aws_x" "a" { v = coalesce("", try(local.missing, local.val)) }`}, addr: "aws_x.a", attr: "v", want: "A-02"},
		{name: "jsonencode with unknown parts", files: map[string]string{"main.tf": `
resource "aws_s3_bucket" "b" { bucket = "data" }
resource "aws_x" "a" { p = jsonencode({ Action = "s3:*", Resource = aws_s3_bucket.b.arn }) }`},
			addr: "aws_x.a", attr: "p", want: `{"Action":"s3:*","Resource":"(known after apply)"}`, refs: "aws_s3_bucket.b"},
		{name: "known attribute of another resource", files: map[string]string{"main.tf": `
resource "aws_s3_bucket" "b" { bucket = "data" }
resource "aws_x" "a" { v = "s3://${aws_s3_bucket.b.bucket}/x" }`}, addr: "aws_x.a", attr: "v", want: "s3://data/x", refs: "aws_s3_bucket.b"},
		{name: "computed reference is unknown but linked", files: map[string]string{"main.tf": `
resource "aws_kms_key" "k" {}
resource "aws_x" "a" { kms_key_id = aws_kms_key.k.arn }`}, addr: "aws_x.a", attr: "kms_key_id", want: "<unknown>", refs: "aws_kms_key.k"},
		{name: "count index link", files: map[string]string{"main.tf": `
resource "aws_subnet" "s" {
  count = 2
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}
resource "aws_x" "a" { subnet = aws_subnet.s[1].id }`}, addr: "aws_x.a", attr: "subnet", want: "<unknown>", refs: "aws_subnet.s[1]"},
		{name: "cidrsubnet", files: map[string]string{"main.tf": `
resource "aws_subnet" "s" {
  count = 2
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}`}, addr: "aws_subnet.s[1]", attr: "cidr_block", want: "10.0.1.0/24"},
		{name: "for_each keys", files: map[string]string{"main.tf": `
resource "aws_x" "a" {
  for_each = { one = "1", two = "2" }
  v = "${each.key}=${each.value}"
}`}, addr: `aws_x.a["two"]`, attr: "v", want: "two=2"},
		{name: "count zero makes no instance", files: map[string]string{"main.tf": `
resource "aws_x" "a" {
  count = 0
  v = "x"
}`}, addr: "aws_x.a", attr: "v", want: "<absent>"},
		{name: "dynamic block", files: map[string]string{"main.tf": `
resource "aws_x" "a" {
  dynamic "vpc_config" {
    for_each = [{ s = "subnet-1" }]
    iterator = c
    content { subnets = [c.value.s] }
  }
}`}, addr: "aws_x.a", attr: "vpc_config.subnets", want: `cty.TupleVal([]cty.Value{cty.StringVal("subnet-1")})`},
		{name: "local module with for_each", files: map[string]string{
			"main.tf": `
module "m" {
  source   = "./mod"
  for_each = toset(["a"])
  name     = "n-${each.key}"
}
resource "aws_x" "out" { v = module.m["a"].name }`,
			"mod/main.tf": `
variable "name" {}
resource "aws_y" "this" { name = var.name }
output "name" { value = aws_y.this.name }`,
		}, addr: `module.m["a"].aws_y.this`, attr: "name", want: "n-a"},
		{name: "module output", files: map[string]string{
			"main.tf":     "module \"m\" {\n  source = \"./mod\"\n}\nresource \"aws_x\" \"out\" { v = module.m.v }",
			"mod/main.tf": "output \"v\" { value = upper(\"x\") }",
		}, addr: "aws_x.out", attr: "v", want: "X"},
		{name: "remote module from modules.json", files: map[string]string{
			"main.tf":                         "module \"r\" {\n  source = \"terraform-aws-modules/x/aws\"\n}",
			".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"r","Source":"registry.terraform.io/x","Dir":".terraform/modules/r"}]}`,
			".terraform/modules/r/main.tf":    `resource "aws_y" "remote" { v = "loaded" }`,
		}, addr: "module.r.aws_y.remote", attr: "v", want: "loaded"},
		{name: "remote module not downloaded is reported", files: map[string]string{
			"main.tf": "module \"r\" {\n  source = \"terraform-aws-modules/x/aws\"\n}",
		}, diagnostics: "Remote module not downloaded"},
		{name: "missing module directory", files: map[string]string{
			"main.tf": "module \"m\" {\n  source = \"./nope\"\n}",
		}, diagnostics: "Module not found"},
		{name: "module source outside the tree", files: map[string]string{
			"main.tf": "module \"m\" {\n  source = \"../../elsewhere\"\n}",
		}, diagnostics: "Module outside the scanned tree"},
		{name: "cyclic locals", files: map[string]string{"main.tf": `
locals {
  a = local.b
  b = local.a
}
resource "aws_x" "a" { v = local.a }`}, addr: "aws_x.a", attr: "v", want: "<unknown>", diagnostics: "Cycle in references"},
		{name: "unknown for_each from a variable", files: map[string]string{"main.tf": `
variable "names" { type = set(string) }
resource "aws_x" "a" {
  for_each = var.names
  v = "fixed"
}`}, addr: "aws_x.a", attr: "v", want: "fixed", diagnostics: "Unknown for_each"},
		{name: "huge count", files: map[string]string{"main.tf": `
resource "aws_x" "a" {
  count = 1e9
  v = "fixed"
}`}, addr: "aws_x.a", attr: "v", want: "fixed", diagnostics: "Too many instances"},
		{name: "policy document data source", files: map[string]string{"main.tf": `
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
}
resource "aws_x" "a" { policy = data.aws_iam_policy_document.p.json }`}, addr: "aws_x.a", attr: "policy",
			want: `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::b/*"}],"Version":"2012-10-17"}`,
			refs: "data.aws_iam_policy_document.p"},
		{name: "file and templatefile relative to the module", files: map[string]string{
			"main.tf":     "module \"m\" {\n  source = \"./mod\"\n}",
			"mod/main.tf": `resource "aws_x" "a" { v = "${file("${path.module}/a.txt")}|${templatefile("${path.module}/t.tpl", { n = "w" })}" }`,
			"mod/a.txt":   "hello",
			"mod/t.tpl":   "hi ${n}",
		}, addr: "module.m.aws_x.a", attr: "v", want: "hello|hi w"},
		{name: "modern blocks parse", files: map[string]string{"main.tf": `
import {
  to = aws_x.a
  id = "x"
}
moved {
  from = aws_x.old
  to   = aws_x.a
}
removed {
  from = aws_x.gone
  lifecycle { destroy = false }
}
check "c" {
  assert {
    condition     = true
    error_message = "no"
  }
}
resource "aws_x" "a" { v = "ok" }`}, addr: "aws_x.a", attr: "v", want: "ok"},
		{name: "json syntax", files: map[string]string{"main.tf.json": `{"resource": {"aws_x": {"a": {"v": "${upper(\"j\")}"}}}}`},
			addr: "aws_x.a", attr: "v", want: "J"},
		{name: "invalid HCL is reported with its line", files: map[string]string{"main.tf": "resource \"aws_x\" \"a\" {\n  v = \n}\n"},
			diagnostics: "main.tf:2-3: Invalid expression"},
		{name: "quoted type constraints, as Terraform 0.12 read them", files: map[string]string{"main.tf": `
variable "l" {
  type    = "list"
  default = ["a", "b"]
}
variable "m" {
  type    = "map"
  default = { k = 1 }
}
resource "aws_x" "a" { v = "${join(",", var.l)}/${var.m["k"]}" }`}, addr: "aws_x.a", attr: "v", want: "a,b/1", diagnostics: "main.tf:3: Quoted type constraint"},
		{name: "attributes the configuration does not set are unknown, never unsupported", files: map[string]string{"main.tf": `
resource "aws_instance" "x" { ami = "ami-1" }
resource "google_container_cluster" "c" { name = "c" }
resource "aws_x" "a" {
  v = "${aws_instance.x.public_ip}/${google_container_cluster.c.self_link}/${google_container_cluster.c.master_auth[0].cluster_ca_certificate}/${aws_instance.x.id}"
}`}, addr: "aws_x.a", attr: "v", want: "<unknown>", refs: "aws_instance.x,google_container_cluster.c"},
		{name: "a splat reads an attribute the configuration does not set", files: map[string]string{"main.tf": `
resource "aws_eip" "nat" {
  count  = 2
  domain = "vpc"
}
resource "aws_x" "a" { v = join(",", aws_eip.nat[*].public_ip) }`}, addr: "aws_x.a", attr: "v", want: "<unknown>", refs: "aws_eip.nat[0],aws_eip.nat[1]"},
		{name: "attributes read through a computed index and a for expression's variable", files: map[string]string{"main.tf": `
variable "names" { default = ["a"] }
resource "google_logging_organization_sink" "sink" {
  for_each = toset(var.names)
  name     = each.key
}
resource "aws_x" "a" {
  v = join(",", [for k in var.names : google_logging_organization_sink.sink[k].writer_identity])
  w = jsonencode({ for k, s in google_logging_organization_sink.sink : k => s.self_link })
}`}, addr: "aws_x.a", attr: "v", want: "<unknown>", refs: `google_logging_organization_sink.sink["a"]`},
		{name: "a computed attribute read through a module output and a local", files: map[string]string{
			"main.tf": `
module "addr" { source = "./m" }
locals { zone = module.addr.addresses["a"] }
resource "aws_x" "a" { v = "${local.zone.address}.nip.io/${module.addr.one.self_link}" }`,
			"m/main.tf": `
resource "google_compute_address" "a" {
  for_each = toset(["a"])
  name     = each.key
}
resource "google_compute_address" "one" { name = "one" }
output "addresses" { value = google_compute_address.a }
output "one" { value = google_compute_address.one }`,
		}, addr: "aws_x.a", attr: "v", want: "<unknown>", refs: `module.addr.google_compute_address.a["a"],module.addr.google_compute_address.one`},
		{name: "templatefile reads resources through its variables", files: map[string]string{
			"main.tf": `
resource "google_compute_subnetwork" "s" { name = "s" }
resource "aws_x" "a" { v = templatefile("${path.module}/t.tpl", google_compute_subnetwork.s) }
resource "aws_x" "b" { v = templatefile("${path.module}/u.tpl", { subnet = google_compute_subnetwork.s }) }`,
			"t.tpl": "${name}/${self_link}",
			"u.tpl": "${subnet.name}/${subnet.self_link}",
		}, addr: "aws_x.b", attr: "v", want: "<unknown>", refs: "google_compute_subnetwork.s"},
		{name: "null in configuration is not set: unknown to others", files: map[string]string{"main.tf": `
resource "aws_vpc" "this" {
  count           = 1
  ipv6_cidr_block = null
}
resource "aws_x" "a" { v = cidrsubnet(aws_vpc.this[0].ipv6_cidr_block, 8, 1) }`}, addr: "aws_x.a", attr: "v", want: "<unknown>", refs: "aws_vpc.this[0]"},
		{name: "toset over unknown values, and Terraform's index", files: map[string]string{"main.tf": `
variable "ports" {}
resource "aws_x" "a" { v = "${length(toset(var.ports))}/${index(["a", "b", "c"], "b")}" }`}, addr: "aws_x.a", attr: "v", want: "<unknown>"},
		{name: "Terraform's index", files: map[string]string{"main.tf": `
resource "aws_x" "a" { v = index(["a", "b", "c"], "b") }`}, addr: "aws_x.a", attr: "v", want: "cty.NumberIntVal(1)"},
		{name: "provider-defined functions are unknown", files: map[string]string{"main.tf": `
resource "aws_s3_bucket" "b" { bucket = "data" }
resource "aws_x" "a" { v = provider::aws::arn_parse(aws_s3_bucket.b.arn).region }`}, addr: "aws_x.a", attr: "v", want: "<unknown>", refs: "aws_s3_bucket.b"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := load(t, c.files, c.opts)
			if c.addr != "" {
				a := attr(res, c.addr, c.attr)
				if got := render(a); got != c.want {
					t.Errorf("%s.%s = %s, want %s (resources %v, diagnostics %v)", c.addr, c.attr, got, c.want, addresses(res), res.Diagnostics)
				}
				if a != nil && strings.Join(a.Refs, ",") != c.refs {
					t.Errorf("refs = %v, want %q", a.Refs, c.refs)
				}
			}
			var all []string
			for _, d := range res.Diagnostics {
				all = append(all, d.Error())
			}
			joined := strings.Join(all, "\n")
			if c.diagnostics != "" && !strings.Contains(joined, c.diagnostics) {
				t.Errorf("diagnostics %q do not mention %q", joined, c.diagnostics)
			}
			if c.diagnostics == "" && res.Diagnostics.HasErrors() {
				t.Errorf("unexpected errors: %s", joined)
			}
			if strings.Contains(joined, "panic") || strings.Contains(joined, "Unsupported attribute") {
				t.Errorf("the evaluator failed where Terraform would not: %s", joined)
			}
		})
	}
}

// TestOrderIndependence: evaluation must not depend on file names or order.
func TestOrderIndependence(t *testing.T) {
	a := map[string]string{"a.tf": `locals { x = local.y }`, "b.tf": `locals { y = "v" }`, "c.tf": `resource "aws_x" "a" { v = local.x }`}
	b := map[string]string{"z.tf": `locals { x = local.y }`, "a.tf": `locals { y = "v" }`, "m.tf": `resource "aws_x" "a" { v = local.x }`}
	for _, files := range []map[string]string{a, b} {
		if got := render(attr(load(t, files, Options{}), "aws_x.a", "v")); got != "v" {
			t.Errorf("got %s", got)
		}
	}
}

// TestChildModulesAreNotRoots: a directory called as a module is evaluated
// only through its caller.
func TestChildModulesAreNotRoots(t *testing.T) {
	res := load(t, map[string]string{
		"main.tf":     "module \"m\" {\n  source = \"./mod\"\n}",
		"mod/main.tf": `resource "aws_y" "this" {}`,
	}, Options{})
	if got := strings.Join(addresses(res), ","); got != "module.m.aws_y.this" {
		t.Errorf("resources = %s", got)
	}
}

func BenchmarkLoad(b *testing.B) {
	files := map[string]string{}
	for i := 0; i < 200; i++ {
		files[strings.Repeat("m", 1)+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".tf"] = sampleModule
	}
	b.ReportAllocs()
	for b.Loop() {
		load(b, files, Options{})
	}
}

const sampleModule = `
variable "env" { default = "prod" }
locals { name = "ml-${var.env}" }
resource "aws_kms_key" "k" {}
resource "aws_sagemaker_notebook_instance" "nb" {
  count         = 2
  name          = "${local.name}-${count.index}"
  role_arn      = "arn:aws:iam::111122223333:role/x"
  instance_type = "ml.t3.medium"
  kms_key_id    = aws_kms_key.k.arn
}
`

func TestNestingGuard(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	cases := []struct {
		name, file, src string
		deep            bool
		line            int
	}{
		{"brackets", "a.tf", "locals {\n  x = " + deep("[", "]", MaxNesting+5) + "\n}\n", true, 2},
		{"interpolation in a string", "a.tf", "locals {\n  x = \"" + deep("${[", "]}", MaxNesting) + "\"\n}\n", true, 2},
		{"json", "a.tf.json", `{"locals": {"x": ` + deep("[", "]", MaxNesting+5) + `}}`, true, 1},
		{"shallow", "a.tf", "locals {\n  x = " + deep("[", "]", 50) + "\n}\n", false, 0},
		{"brackets in strings, comments and heredocs do not count", "a.tf",
			"# " + strings.Repeat("[", 2000) + "\n/* " + strings.Repeat("{", 2000) + " */\nlocals {\n  s = \"" + strings.Repeat("(", 2000) +
				"\"\n  h = <<EOT\n" + strings.Repeat("[", 2000) + "\nEOT\n}\n", false, 0},
		{"interpolation in a heredoc", "a.tf", "locals {\n  h = <<-EOT\n    line\n    " + deep("${[", "]}", MaxNesting) + "\n  EOT\n}\n", true, 4},
		{"heredoc in an interpolation in a heredoc", "a.tf", "locals {\n  h = <<A\n${<<B\n" + deep("${(", ")}", MaxNesting) + "\nB\n}\nA\n}\n", true, 4},
		{"escaped interpolations do not nest", "a.tf", "locals {\n  h = <<EOT\n" + strings.Repeat("$${", 2000) + "\nEOT\n  s = \"" + strings.Repeat("%%{", 2000) + "\"\n}\n", false, 0},
		{"tfvars", "terraform.tfvars", "x = <<EOT\n" + deep("${[", "]}", MaxNesting) + "\nEOT\n", true, 2},
	}
	for _, c := range cases {
		line, deep := tooDeep([]byte(c.src), MaxNesting, !strings.HasSuffix(c.file, ".json"))
		if deep != c.deep || (deep && line != c.line) {
			t.Errorf("%s: got deep=%v line=%d, want %v line %d", c.name, deep, line, c.deep, c.line)
		}
		if _, diags := parseFile(c.file, []byte(c.src)); diags.HasErrors() != c.deep {
			t.Errorf("%s: parse diagnostics %v", c.name, diags)
		}
	}
}

// TestNestingGuardInTemplates: templatefile() reads its file as a template
// body; a deep one is an error of the call (the value is unknown), never a
// stack overflow.
func TestNestingGuardInTemplates(t *testing.T) {
	deep := strings.Repeat("${[", 100000) + "1" + strings.Repeat("]}", 100000)
	if line, ok := tooDeepTemplate([]byte("a\nb "+deep), MaxNesting); !ok || line != 2 {
		t.Fatalf("tooDeepTemplate = %d, %v", line, ok)
	}
	if _, ok := tooDeepTemplate([]byte("%{ for x in [1] }${x}%{ endfor } $${"+strings.Repeat("{", 5000)), MaxNesting); ok {
		t.Fatal("a shallow template was refused")
	}
	res := load(t, map[string]string{
		"main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = templatefile(\"${path.module}/t.tpl\", {})\n}\n",
		"t.tpl":   deep,
	}, Options{})
	if !strings.Contains(fmt.Sprint(res.Diagnostics), "nest more than") {
		t.Fatalf("no diagnostic for the deep template: %v", res.Diagnostics)
	}
}

// TestParsingTwiceGivesTheSameUnits: a large tree (forced here with a tiny
// KeepParsedBelow) is parsed twice and handed over unit by unit; what the
// units hold must not change, nor the diagnostics.
func TestParsingTwiceGivesTheSameUnits(t *testing.T) {
	files := map[string]string{
		"a/main.tf":   "module \"m\" {\n  source = \"../mod\"\n  n = \"a\"\n}\nresource \"aws_x\" \"r\" { v = module.m.out }",
		"b/main.tf":   "module \"m\" {\n  source = \"../mod\"\n  n = \"b\"\n}\nlocals { broken = }",
		"mod/main.tf": "variable \"n\" {}\nresource \"aws_y\" \"r\" { v = var.n }\noutput \"out\" { value = \"${var.n}-out\" }",
	}
	collect := func(keep int64) (string, string) {
		var mu sync.Mutex
		var units []string
		res := load(t, files, Options{KeepParsedBelow: keep, OnUnit: func(u Unit) {
			var rs []string
			for _, r := range u.Resources {
				rs = append(rs, r.Address+"="+render(r.Body.Attr("v")))
			}
			sort.Strings(rs)
			mu.Lock()
			units = append(units, u.Name+":"+strings.Join(rs, ","))
			mu.Unlock()
		}})
		sort.Strings(units)
		if len(res.Units) != 0 {
			t.Error("with OnUnit, units are handed over, not kept")
		}
		return strings.Join(units, "\n"), fmt.Sprint(res.Diagnostics)
	}
	kept, keptDiags := collect(1 << 30)
	twice, twiceDiags := collect(1)
	if kept != twice || keptDiags != twiceDiags {
		t.Errorf("kept:\n%s\n%s\nparsed twice:\n%s\n%s", kept, keptDiags, twice, twiceDiags)
	}
	if !strings.Contains(kept, "module.m.aws_y.r=a") || !strings.Contains(kept, "aws_x.r=a-out") || !strings.Contains(keptDiags, "b/main.tf") {
		t.Errorf("unexpected units or diagnostics:\n%s\n%s", kept, keptDiags)
	}
}

// TestComputedNestedAttribute: a nested block's attribute that the
// configuration does not set (identity[0].principal_id, computed by the
// provider) is unknown, linked to its resource, and not an error.
func TestComputedNestedAttribute(t *testing.T) {
	res := load(t, map[string]string{"main.tf": `
resource "azurerm_machine_learning_workspace" "ml" {
  name = "ml"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_role_assignment" "a" {
  principal_id = azurerm_machine_learning_workspace.ml.identity[0].principal_id
}
resource "azurerm_role_assignment" "b" {
  principal_id = azurerm_machine_learning_workspace.ml.network[0].subnet
}
`}, Options{})
	if len(res.Diagnostics) > 0 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	for _, addr := range []string{"azurerm_role_assignment.a", "azurerm_role_assignment.b"} {
		a := attr(res, addr, "principal_id")
		if a == nil || a.Value.IsKnown() || len(a.Refs) != 1 || a.Refs[0] != "azurerm_machine_learning_workspace.ml" {
			t.Errorf("%s: principal_id %+v", addr, a)
		}
	}
}
