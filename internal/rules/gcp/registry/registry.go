// Package registry holds the rules on Artifact Registry repositories, where
// training and serving images are kept.
package registry

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-REGISTRY-001", Slug: "artifact-registry-scanning-disabled",
			Title:    "Artifact Registry repository turns vulnerability scanning off",
			Severity: rule.Medium, Category: rule.SupplyChain,
			Provider: "gcp", Service: "registry", Resources: []string{"google_artifact_registry_repository"},
			Frameworks: framework.Integrity(),
			Rationale: "Training and serving images carry CUDA, Python and model-server stacks with frequent critical " +
				"vulnerabilities (deserialization in model loaders among them). With scanning disabled, images pushed to the " +
				"repository are never checked, and nothing warns when a deployed image turns out to be vulnerable.",
			Remediation: "Remove vulnerability_scanning_config or set enablement_config = \"INHERITED\", with the Container Scanning " +
				"API enabled on the project.",
			Fixes: map[string]string{"terraform": `vulnerability_scanning_config {
  enablement_config = "INHERITED"
}`},
			Defaults: []string{"vulnerability_scanning_config.enablement_config: INHERITED (scanned when the project has the Container Scanning API on)"},
			References: []string{"https://cloud.google.com/artifact-analysis/docs/container-scanning-overview",
				"https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/artifact_registry_repository"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.GCP.Repositories {
				if r.Scanning.Known() && strings.EqualFold(r.Scanning.Value, "DISABLED") {
					out = append(out, rule.NewResult(r.Resource, r.Scanning.Meta, "disabled",
						"%s turns vulnerability scanning off (enablement_config = \"DISABLED\")", r.Address))
				}
			}
			return out
		},
	})
}
