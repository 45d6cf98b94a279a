package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadFileRefusesHostileFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"big.tf":    {Data: []byte(strings.Repeat("#", 2048))},
		"binary.tf": {Data: []byte("resource\x00\x01")},
		"latin1.tf": {Data: []byte("a = 1\nb = \"\xe9\"\n")},
		"ok.tf":     {Data: []byte("a = 1\n")},
	}
	cases := []struct {
		file string
		want error
		line string
	}{
		{"big.tf", ErrTooLarge, ""},
		{"binary.tf", ErrBinary, "line 1"},
		{"latin1.tf", ErrBinary, "line 2"},
		{"ok.tf", nil, ""},
	}
	for _, c := range cases {
		_, err := ReadFile(fsys, c.file, 1024)
		if !errors.Is(err, c.want) || c.line != "" && !strings.Contains(err.Error(), c.line) {
			t.Errorf("%s: got %v, want %v mentioning %q", c.file, err, c.want, c.line)
		}
	}
}

func TestDiscover(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf":                      {Data: []byte("")},
		"vars.auto.tfvars":             {Data: []byte("")},
		"plan.json":                    {Data: []byte(`{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{}}`)},
		"package.json":                 {Data: []byte(`{"name":"x"}`)},
		".terraform/modules/m/main.tf": {Data: []byte("")},
		".git/config.tf":               {Data: []byte("")},
		"README.md":                    {Data: []byte("")},
	}
	tree, err := Discover(context.Background(), fsys, ".", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range tree.Files {
		got = append(got, f.Path+"="+string(f.Format))
	}
	want := "main.tf=terraform plan.json=terraform-plan vars.auto.tfvars=terraform-vars"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

// TestSymlinksStayInsideTheRoot: through os.Root, a link out of the scan root
// is refused and reported, and a link loop is not followed.
func TestSymlinksStayInsideTheRoot(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.tf"), []byte("x = 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "secret.tf"), filepath.Join(dir, "escape.tf")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	tree, err := Discover(context.Background(), root.FS(), ".", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Files) != 0 {
		t.Errorf("followed a link out of the root: %v", tree.Files)
	}
	// Both links are reported, the escaping .tf as an error; the loop (a
	// link to a directory) is never followed, so the walk ends.
	got := fmt.Sprint(tree.Diagnostics)
	if len(tree.Diagnostics) != 2 || !strings.Contains(got, "escape.tf") || !strings.Contains(got, "loop") {
		t.Errorf("want both links reported, got %v", tree.Diagnostics)
	}
	if tree.Diagnostics[0].Severity != SevError {
		t.Errorf("a .tf link that leaves the root is an error: %v", tree.Diagnostics[0])
	}
}

// TestSniffPolicies: a policy is a JSON object with a top-level Statement;
// audit logs and other JSON that quote a policy further down are not.
func TestSniffPolicies(t *testing.T) {
	cases := []struct {
		name, head string
		want       Format
	}{
		{"arm template", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}`, FormatARM},
		{"subscription arm template", `{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", "resources": []}`, FormatARM},
		{"arm parameters file", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`, FormatUnknown},
		{"policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, FormatIAMPolicy},
		{"bom and spaces", "\ufeff \n{\"Statement\":{\"Effect\":\"Deny\"}}", FormatIAMPolicy},
		{"cloudtrail quoting a policy", `{"Records":[{"eventName":"PutBucketPolicy","requestParameters":{"bucketPolicy":{"Statement":[{"Effect":"Allow"}]}}}]}`, FormatUnknown},
		{"statement below the top", `{"PolicyDocument":{"Statement":[]}}`, FormatUnknown},
		{"array", `[{"Statement":[]}]`, FormatUnknown},
		{"cut short before Statement", `{"Description":"a \"Statement\" in ` + strings.Repeat("x", 64), FormatUnknown},
	}
	for _, c := range cases {
		if got := SniffContent([]byte(c.head)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDetectDockerfiles(t *testing.T) {
	for name, want := range map[string]bool{
		"Dockerfile": true, "dir/Containerfile": true, "Dockerfile.gpu": true, "Dockerfile_amd": true,
		"Dockerfile-cuda12": true, "train.Dockerfile": true, "serve.dockerfile": true,
		"Dockerfile.dockerignore": false, "Dockerfile-lint.yaml": false, "Dockerfile.j2": false, "Dockerfile.template": false, "Dockerfile.in": false,
		"Dockerfiles": false, "dockerfile.md": false, "mydockerfile": false,
	} {
		if got := Detect(name) == FormatDockerfile; got != want {
			t.Errorf("Detect(%q) is a Dockerfile: %v, want %v", name, got, want)
		}
	}
}
