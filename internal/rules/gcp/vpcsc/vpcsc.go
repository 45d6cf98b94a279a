// Package vpcsc holds the rules on VPC Service Controls perimeters.
package vpcsc

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

// mlServices are the APIs an ML perimeter must restrict.
var mlServices = []string{"aiplatform.googleapis.com", "notebooks.googleapis.com"}

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-VPCSC-001", Slug: "vpcsc-ml-services",
			Title:    "VPC Service Controls perimeter does not restrict Vertex AI or Notebooks",
			Severity: rule.Medium, Category: rule.DataProtection,
			Provider: "gcp", Service: "vpcsc", Resources: []string{"google_access_context_manager_service_perimeter"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A perimeter stops data from leaving only through the services it restricts. Without " +
				"aiplatform.googleapis.com and notebooks.googleapis.com, a stolen token can still export models, datasets " +
				"and features through Vertex AI, or copy data out through a notebook, from outside the perimeter.",
			Remediation: "Add aiplatform.googleapis.com and notebooks.googleapis.com to status.restricted_services (after a dry run).",
			Fixes: map[string]string{"terraform": `status {
  restricted_services = [
    "storage.googleapis.com",
    "aiplatform.googleapis.com",
    "notebooks.googleapis.com",
  ]
}`},
			Defaults:   []string{"restricted_services: none"},
			References: []string{"https://cloud.google.com/vertex-ai/docs/general/vpc-service-controls"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
		perimeters:
			for _, p := range in.GCP.Perimeters {
				if !p.Meta.Known() {
					continue
				}
				restricted := map[string]bool{}
				for _, s := range p.RestrictedServices {
					if !s.Known() {
						continue perimeters // an unknown entry may be the missing service
					}
					restricted[s.Value] = true
				}
				var missing []string
				for _, s := range mlServices {
					if !restricted[s] && !restricted["*"] {
						missing = append(missing, s)
					}
				}
				if len(missing) > 0 {
					out = append(out, rule.NewResult(p.Resource, p.Meta, strings.Join(missing, ","),
						"%s does not restrict %s", p.Address, strings.Join(missing, " or ")))
				}
			}
			return out
		},
	})
}
