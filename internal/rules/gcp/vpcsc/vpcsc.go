// Package vpcsc holds the rules on VPC Service Controls perimeters.
package vpcsc

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/model/gcp"

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

// protected are the services whose data an ML perimeter keeps in.
var protected = []string{"aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com", "bigquery.googleapis.com"}

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-VPCSC-002", Slug: "vpcsc-policy-any-identity-wildcard",
			Title:    "VPC Service Controls ingress or egress policy lets any identity through with a wildcard",
			Severity: rule.High, Category: rule.DataProtection,
			Provider: "gcp", Service: "vpcsc", Resources: []string{"google_access_context_manager_service_perimeter"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "An ingress or egress policy is a hole in the perimeter. identity_type ANY_IDENTITY with an access level " +
				"of \"*\" (any source), resources [\"*\"] (any project) or method \"*\" on Vertex AI, Notebooks, Cloud Storage or " +
				"BigQuery lets any caller with a stolen token in, or any code inside copy models and datasets out to a project " +
				"the attacker owns: the perimeter no longer bounds anything for that service.",
			Remediation: "Name the identities (service accounts of the pipelines that cross) or at least ANY_SERVICE_ACCOUNT with a " +
				"real access level, the projects on the other side, and the methods they call.",
			Fixes: map[string]string{"terraform": `ingress_policies {
  ingress_from {
    identities = ["serviceAccount:pipeline@ml-prod.iam.gserviceaccount.com"]
    sources { access_level = google_access_context_manager_access_level.corp.name }
  }
  ingress_to {
    resources = ["projects/123456789012"]
    operations {
      service_name = "aiplatform.googleapis.com"
      method_selectors { method = "google.cloud.aiplatform.v1.PredictionService.Predict" }
    }
  }
}`},
			Defaults: []string{"Only the enforced configuration (status) is judged; a policy with a part not known at scan time is not judged",
				"An operation with no method selectors is not counted as a wildcard"},
			References: []string{"https://cloud.google.com/vpc-service-controls/docs/ingress-egress-rules",
				"https://cloud.google.com/vpc-service-controls/docs/secure-data-exchange"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, p := range in.GCP.Perimeters {
				restricted := map[string]bool{}
				for _, s := range p.RestrictedServices {
					restricted[s.Value] = true
				}
				n := map[string]int{}
				for _, pp := range p.Policies {
					n[pp.Direction]++
					if pp.Unknown || pp.IdentityType != "ANY_IDENTITY" {
						continue
					}
					if holes := wildcards(pp, restricted); len(holes) > 0 {
						out = append(out, rule.NewResult(p.Resource, pp.Meta, pp.Direction+":"+strings.Join(holes, ","),
							"%s: %s policy #%d lets ANY_IDENTITY through with %s", p.Address, pp.Direction, n[pp.Direction], strings.Join(holes, ", ")))
					}
				}
			}
			return out
		},
	})
}

// wildcards says which wildcards open a policy for a protected service:
// "" when it touches none or has none.
func wildcards(pp gcp.PerimeterPolicy, restricted map[string]bool) []string {
	var services []string
	methods := false
	for _, op := range pp.Operations {
		if op.Service == "*" || (restricted[op.Service] || restricted["*"]) && slices.Contains(protected, op.Service) {
			services = append(services, op.Service)
			methods = methods || slices.Contains(op.Methods, "*")
		}
	}
	if len(services) == 0 {
		return nil
	}
	var out []string
	if slices.Contains(pp.AccessLevels, "*") {
		out = append(out, "access level \"*\" (any source)")
	}
	if slices.Contains(pp.Resources, "*") {
		out = append(out, "resources \"*\" (any project)")
	}
	if methods {
		out = append(out, "method \"*\"")
	}
	if len(out) == 0 {
		return nil
	}
	return append(out, "on "+strings.Join(services, ", "))
}
