package scan_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
)

// hostile is an input built to break scanners, and what mlguard must say
// about it: a diagnostic on the file, at a line, naming the reason.
type hostile struct {
	name  string
	files map[string]string // path -> content; see write for special contents
	file  string            // the file the diagnostic names
	want  string            // part of the diagnostic's message
}

// Special contents, expanded by write.
const (
	hugeFile = "\x00huge"    // a 200 MB sparse file
	binFile  = "\x00binary"  // bytes 0..255
	badUTF8  = "\x00badutf8" // a .tf file with an invalid UTF-8 string
)

func deep(open, close string, n int) string {
	return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
}

func aliasBomb() string {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", ")
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, refs)
	}
	b.WriteString("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *a9\n")
	return b.String()
}

// bigPolicy is an ML role whose inline policy has 100,000 statements, the
// last granting s3:* on everything (so the scan must read all of it).
func bigPolicy() string {
	stmts := make([]map[string]any, 0, 100_000)
	for i := range 99_999 {
		stmts = append(stmts, map[string]any{"Effect": "Allow", "Action": "s3:GetObject", "Resource": fmt.Sprintf("arn:aws:s3:::b%d/*", i)})
	}
	stmts = append(stmts, map[string]any{"Effect": "Allow", "Action": "s3:*", "Resource": "*"})
	doc, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	return `resource "aws_iam_role" "big" {
  name               = "big"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name   = "big"
    policy = <<EOT
` + string(doc) + `
EOT
  }
}
`
}

const notebook = `resource "aws_sagemaker_notebook_instance" "%s" {
  name          = "%s"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
}
`

var hostileCases = []hostile{
	{"YAML alias bomb", map[string]string{"bomb/t.yaml": aliasBomb()}, "bomb/t.yaml", "expands to more than"},
	{"HCL nested 10,000 deep", map[string]string{"hcldeep/main.tf": "locals {\n  x = " + deep("[", "]", 10_000) + "\n}\n"}, "hcldeep/main.tf", "Nesting too deep"},
	{"Terraform JSON nested 10,000 deep", map[string]string{"tfjsondeep/main.tf.json": `{"locals": {"x": ` + deep("[", "]", 10_000) + `}}`}, "tfjsondeep/main.tf.json", "Nesting too deep"},
	{"plan JSON nested 10,000 deep", map[string]string{"plandeep/plan.json": `{"format_version": "1.2", "terraform_version": "1.11.0", "planned_values": ` + deep(`{"a":`, "}", 10_000) + `}`}, "plandeep/plan.json", "depth"},
	{"YAML nested 10,000 deep", map[string]string{"yamldeep/t.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: " + deep("[", "]", 10_000) + "\n"}, "yamldeep/t.yaml", "nesting deeper than"},
	{"200 MB file", map[string]string{"huge/main.tf": hugeFile}, "huge/main.tf", "too large"},
	{"binary file", map[string]string{"binary/main.tf": binFile}, "binary/main.tf", "NUL byte"},
	{"invalid UTF-8", map[string]string{"utf8/main.tf": badUTF8}, "utf8/main.tf", "invalid UTF-8"},
	{"cyclic locals", map[string]string{"cyclic/main.tf": "locals {\n  a = local.b\n  b = local.a\n}\n" + fmt.Sprintf(notebook, "cyc", "${local.a}")}, "cyclic/main.tf", "Cycle in references"},
	{"module loop", map[string]string{"loop/main.tf": "module \"a\" {\n  source = \"./m\"\n}\n", "loop/m/main.tf": "module \"again\" {\n  source = \"../m\"\n}\n"}, "loop/m/main.tf", "Module loop"},
	{"count = 1e9", map[string]string{"count/main.tf": strings.Replace(fmt.Sprintf(notebook, "n", "n"), "{\n", "{\n  count = 1e9\n", 1)}, "count/main.tf", "Too many instances"},
	{"for_each over a huge range", map[string]string{"foreach/main.tf": strings.Replace(fmt.Sprintf(notebook, "n", "n"), "{\n", "{\n  for_each = toset([for i in range(10000000) : tostring(i)])\n", 1)}, "foreach/main.tf", "range"},
	{"module source outside the tree", map[string]string{"outside/main.tf": "module \"x\" {\n  source = \"../../../../etc\"\n}\n"}, "outside/main.tf", "outside the scan root"},
	{"CloudFormation resources in a circle", map[string]string{"cfncycle/t.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !GetAtt Y.Arn\n  Y:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !GetAtt X.Arn\n"}, "cfncycle/t.yaml", "Circular dependency between resources"},
	{"CloudFormation conditions in a circle", map[string]string{"cfncond/t.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nConditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  Z:\n    Type: AWS::S3::Bucket\n    Condition: A\n"}, "cfncond/t.yaml", "Circular CloudFormation condition"},
	{"ARM template nested 10,000 deep", map[string]string{"armdeep/t.json": armHead + `"variables": {"x": ` + deep("[", "]", 10_000) + `}, "resources": []}`}, "armdeep/t.json", "depth"},
	{"ARM expression nested 1,000 deep", map[string]string{"armexpr/t.json": armHead + `"resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "st", "properties": {"allowBlobPublicAccess": "[` + deep("not(", ")", 1000) + `]"}}]}`}, "armexpr/t.json", "nested deeper than"},
	{"Dockerfile of a million lines", map[string]string{"docker/big/Dockerfile": "FROM a:1\n" + strings.Repeat("RUN x\n", 1_000_000)}, "docker/big/Dockerfile", "over the 20000"},
	{"Dockerfile line over 64 KiB", map[string]string{"docker/long/Dockerfile": "FROM a:1\nRUN " + strings.Repeat("x", 70_000) + "\n"}, "docker/long/Dockerfile", "max allowed size"},
	{"Dockerfile instruction not known", map[string]string{"docker/bad/Dockerfile": "FROM a:1\nFROBNICATE x\n"}, "docker/bad/Dockerfile", "unknown instruction"},
	{"ARM variables in a circle", map[string]string{"armcycle/t.json": armHead + `"variables": {"a": "[variables('b')]", "b": "[variables('a')]"}, "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "[variables('a')]", "properties": {}}]}`}, "armcycle/t.json", "Circular ARM variable"},
}

const armHead = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", `

func write(t *testing.T, dir, p, content string) {
	t.Helper()
	full := filepath.Join(dir, p)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	var data []byte
	switch content {
	case hugeFile:
		f, err := os.Create(full)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(200 << 20); err != nil {
			t.Fatal(err)
		}
		return
	case binFile:
		for i := range 256 {
			data = append(data, byte(i))
		}
	case badUTF8:
		data = []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"\xff\xfe\"\n}\n")
	default:
		data = []byte(content)
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHostileInput scans one tree holding every hostile input next to an
// ordinary stack. Each hostile file must end in a diagnostic that names it,
// a line and the reason; the ordinary stack must still be scanned.
func TestHostileInput(t *testing.T) {
	dir := t.TempDir()
	for _, c := range hostileCases {
		for p, content := range c.files {
			write(t, dir, p, content)
		}
	}
	write(t, dir, "policy/main.tf", bigPolicy())
	write(t, dir, "canary/main.tf", fmt.Sprintf(notebook, "canary", "canary"))
	links := symlinks(t, dir)

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	res, err := scan.Run(context.Background(), []scan.Target{{FS: root.FS(), Root: "."}}, scan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags := append(append(source.Diagnostics{}, res.Errors...), res.Warnings...)
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			for _, d := range diags {
				if d.Range.File == c.file && d.Range.StartLine > 0 && strings.Contains(d.Message(), c.want) {
					return
				}
			}
			t.Errorf("no diagnostic on %s with a line and %q; got:\n%v", c.file, c.want, diags)
		})
	}
	for _, l := range links {
		found := false
		for _, d := range diags {
			found = found || (d.Range.File == l && strings.Contains(d.Message(), "symbolic link not followed"))
		}
		if !found {
			t.Errorf("symbolic link %s not reported", l)
		}
	}
	var canary, policy bool
	for _, f := range res.Findings {
		canary = canary || f.Resource == "aws_sagemaker_notebook_instance.canary"
		policy = policy || (f.Resource == "aws_iam_role.big" && f.RuleID == "AWS-IAM-002")
	}
	if !canary {
		t.Error("the ordinary stack next to the hostile inputs was not scanned")
	}
	if !policy {
		t.Error("the last of 100,000 policy statements was not read")
	}
}

// symlinks makes a link loop, a link out of the root and a link to a
// directory, and returns their paths; none may be followed.
func symlinks(t *testing.T, dir string) []string {
	links := map[string]string{"links/loop1": "loop2", "links/loop2": "loop1", "links/outside": "/etc", "links/self": "."}
	if err := os.MkdirAll(filepath.Join(dir, "links"), 0o755); err != nil {
		t.Fatal(err)
	}
	var out []string
	for p, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, p)); err != nil {
			t.Logf("symbolic links not supported here: %v", err)
			return nil
		}
		out = append(out, p)
	}
	return out
}
