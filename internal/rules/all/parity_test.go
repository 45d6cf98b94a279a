package all_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlguard/mlguard/internal/scan"
)

// TestTerraformCloudFormationParity scans the same platform written in
// Terraform, planned by terraform, and written in CloudFormation
// (examples/platform) and requires the same rules to fire on the same
// resources in all three. Terraform names and CloudFormation
// logical IDs are spelled alike (training_data, TrainingData).
func TestTerraformCloudFormationParity(t *testing.T) {
	tf := platformFindings(t, "../../../examples/platform/terraform", func(addr string) string {
		_, name, _ := strings.Cut(addr, ".")
		return strings.ReplaceAll(name, "_", "")
	})
	if len(tf) < 30 {
		t.Fatalf("the platform should show most kinds of mistakes; Terraform gave only %d findings", len(tf))
	}
	others := map[string][]string{
		"CloudFormation": platformFindings(t, "../../../examples/platform/cloudformation", func(id string) string { return id }),
		"the plan": platformFindings(t, "../../../examples/platform/terraform.plan.json", func(addr string) string {
			_, name, _ := strings.Cut(addr, ".")
			return strings.ReplaceAll(name, "_", "")
		}),
	}
	for format, got := range others {
		for _, f := range tf {
			if !slices.Contains(got, f) {
				t.Errorf("Terraform HCL only, not %s: %s", format, f)
			}
		}
		for _, f := range got {
			if !slices.Contains(tf, f) {
				t.Errorf("%s only: %s", format, f)
			}
		}
	}
}

// platformFindings returns "RULE name" for every finding in dir, the name
// lower-cased after norm.
func platformFindings(t *testing.T, dir string, norm func(string) string) []string {
	t.Helper()
	root, base := dir, "."
	if strings.HasSuffix(dir, ".json") {
		root, base = filepath.Dir(dir), filepath.Base(dir)
	}
	res, err := scan.Run(context.Background(), []scan.Target{{FS: os.DirFS(root), Root: base}}, scan.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("%s: %v", dir, res.Errors)
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.RuleID+" "+strings.ToLower(norm(f.Resource)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}
