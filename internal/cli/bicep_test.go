package cli

import (
	"encoding/json"
	"slices"
	"testing"
)

func ruleIDs(t *testing.T, args ...string) ([]string, []string) {
	t.Helper()
	_, out, stderr := run(t, append([]string{"scan", "-f", "json"}, args...)...)
	var doc struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
			File   string `json:"file"`
			Format string `json:"source_format"`
		} `json:"findings"`
		Failed []any `json:"files_failed"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	if len(doc.Failed) > 0 {
		t.Fatalf("inputs failed: %v", doc.Failed)
	}
	var ids, files []string
	for _, f := range doc.Findings {
		ids = append(ids, f.RuleID)
		files = append(files, f.File)
		if f.Format != "bicep" && f.Format != "arm" {
			t.Errorf("source_format %q", f.Format)
		}
	}
	slices.Sort(ids)
	slices.Sort(files)
	return ids, slices.Compact(files)
}

// TestBicepExample: the Bicep platform (a .bicepparam file, a module, nested
// and parent: children) has the findings of the same platform as an ARM
// template; the module is judged with its caller's parameters, not again
// on its own; the hardened one has none.
func TestBicepExample(t *testing.T) {
	armIDs, _ := ruleIDs(t, "../../examples/azure-insecure/arm")
	bicepIDs, files := ruleIDs(t, "../../examples/azure-insecure/bicep")
	if len(armIDs) != 31 || !slices.Equal(armIDs, bicepIDs) {
		t.Errorf("Bicep findings %q differ from ARM's %q", bicepIDs, armIDs)
	}
	want := []string{"../../examples/azure-insecure/bicep/main.bicep", "../../examples/azure-insecure/bicep/modules/compute.bicep"}
	if !slices.Equal(files, want) {
		t.Errorf("findings in %q, want %q", files, want)
	}
	if ids, _ := ruleIDs(t, "../../examples/azure-hardened/bicep"); len(ids) != 0 {
		t.Errorf("hardened Bicep: %q", ids)
	}
}
