package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

type renderedFinding struct {
	RuleID    string `json:"rule_id"`
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	Rendered  *struct {
		Tool   string   `json:"tool"`
		Root   string   `json:"root"`
		Values []string `json:"values"`
	} `json:"rendered"`
}

func scanRendered(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, stderr := run(t, append([]string{"scan", "-f", "json"}, args...)...)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Findings []renderedFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		s := fmt.Sprintf("%s %s:%d", f.RuleID, f.File, f.StartLine)
		if f.Rendered != nil {
			s += " " + f.Rendered.Tool + " " + f.Rendered.Root + " " + strings.Join(f.Rendered.Values, ",")
		}
		got = append(got, strings.TrimSpace(s))
	}
	slices.Sort(got)
	return got
}

// TestHelmChart: the example chart is rendered with its values; findings
// point at template lines and name the values those lines read; values
// given on the command line change what is found.
func TestHelmChart(t *testing.T) {
	const dir = "../../examples/helm/model-server"
	got := scanRendered(t, dir)
	tpl := dir + "/templates/"
	want := []string{
		"K8S-NETWORK-001 " + tpl + "service.yaml:8 helm " + dir + " service.type",
		"K8S-NETWORK-004 " + tpl + "deployment.yaml:1 helm " + dir,
		"K8S-POD-001 " + tpl + "deployment.yaml:25 helm " + dir + " securityContext",
		"K8S-POD-002 " + tpl + "deployment.yaml:24 helm " + dir + " securityContext",
		"K8S-POD-003 " + tpl + "deployment.yaml:24 helm " + dir + " securityContext",
		"K8S-POD-005 " + tpl + "deployment.yaml:24 helm " + dir + " securityContext",
		"K8S-POD-010 " + tpl + "deployment.yaml:24 helm " + dir + " securityContext",
		"K8S-POD-011 " + tpl + "deployment.yaml:16 helm " + dir,
		"K8S-POD-012 " + tpl + "deployment.yaml:18 helm " + dir,
		"K8S-POD-013 " + tpl + "deployment.yaml:19 helm " + dir + " image.repository,image.tag",
		"K8S-POD-014 " + tpl + "deployment.yaml:19 helm " + dir + " image.repository,image.tag",
		"K8S-POD-016 " + tpl + "deployment.yaml:16 helm " + dir,
		"K8S-POD-017 " + tpl + "deployment.yaml:24 helm " + dir + " securityContext",
		"K8S-POD-019 " + tpl + "deployment.yaml:19 helm " + dir + " image.repository,image.tag",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
	_, text, _ := run(t, "scan", dir)
	if !strings.Contains(text, "from Helm chart "+dir+", values securityContext") {
		t.Errorf("the text report does not name the chart and values:\n%s", text)
	}
	_, sarif, _ := run(t, "scan", "-f", "sarif", dir)
	if !strings.Contains(sarif, "(rendered from Helm chart "+dir+", values securityContext)") {
		t.Errorf("the SARIF report does not name the chart and values")
	}
	got = scanRendered(t, "--helm-set", "securityContext.privileged=false", "--helm-set", "networkPolicy.enabled=true",
		"--helm-set", "service.type=ClusterIP", dir)
	for _, f := range got {
		for _, gone := range []string{"K8S-POD-001", "K8S-NETWORK-001", "K8S-NETWORK-004"} {
			if strings.HasPrefix(f, gone+" ") {
				t.Errorf("%s still found with the values set: %s", gone, f)
			}
		}
	}
}

// TestKustomization: the overlay is built; findings point at the base and
// at the patch that added the privileged sidecar; the base is not judged
// again on its own.
func TestKustomization(t *testing.T) {
	const dir = "../../examples/kustomize"
	got := scanRendered(t, dir)
	k := " kustomize " + dir + "/overlays/prod"
	want := []string{
		"K8S-NETWORK-001 " + dir + "/base/service.yaml:5" + k,
		"K8S-POD-001 " + dir + "/overlays/prod/debug-sidecar.yaml:12" + k,
		"K8S-POD-003 " + dir + "/overlays/prod/debug-sidecar.yaml:11" + k,
		"K8S-POD-005 " + dir + "/overlays/prod/debug-sidecar.yaml:11" + k,
		"K8S-POD-010 " + dir + "/overlays/prod/debug-sidecar.yaml:11" + k,
		"K8S-POD-012 " + dir + "/overlays/prod/debug-sidecar.yaml:9" + k,
		"K8S-POD-013 " + dir + "/overlays/prod/debug-sidecar.yaml:10" + k,
		"K8S-POD-014 " + dir + "/base/deployment.yaml:19" + k,
		"K8S-POD-014 " + dir + "/overlays/prod/debug-sidecar.yaml:10" + k,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
}
