package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestBlueprints(t *testing.T) {
	code, out, _ := run(t, "blueprints", "list")
	if code != 0 || strings.Count(out, "\n") != 8 || !strings.Contains(out, "aws/private-endpoint ") || !strings.Contains(out, "terraform, cloudformation") {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "blueprints", "show", "-f", "json", "secure-vertex-workbench")
	var b struct {
		Name     string
		Controls []struct{ Rules []string }
	}
	if err := json.Unmarshal([]byte(out), &b); code != 0 || err != nil || b.Name != "gcp/secure-vertex-workbench" || len(b.Controls) != 9 {
		t.Errorf("show: exit %d, %v\n%s", code, err, out)
	}
	code, out, _ = run(t, "blueprints", "show", "aws/private-endpoint")
	if code != 0 || !strings.Contains(out, "app_cidr") || !strings.Contains(out, "AWS-SAGEMAKER-008") {
		t.Errorf("show: exit %d\n%s", code, out)
	}
	dir := filepath.Join(t.TempDir(), "stack")
	code, out, _ = run(t, "blueprints", "init", "aws/secure-notebook", dir)
	if code != 0 || !strings.Contains(out, filepath.Join(dir, "modules", "secure-notebook", "policy.tf")) {
		t.Errorf("init: exit %d\n%s", code, out)
	}
	if code, out, _ = run(t, "scan", dir); code != 0 || !strings.Contains(out, "0 findings") {
		t.Errorf("scan of the new stack: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"blueprints", "show", "nope"}, {"blueprints", "init", "aws/secure-notebook", dir},
		{"blueprints", "list", "-f", "xml"}} {
		if code, _, errOut := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}
