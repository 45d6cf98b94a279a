// Package iam holds the rules on Google Cloud IAM grants around ML: public
// members, primitive roles, the default compute service account,
// impersonation granted project-wide, and user-managed service account keys.
package iam

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/model/gcp"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

// grantTypes are the IAM resource types whose grants the rules read: the
// member, binding and policy form of each resource the Terraform adapter
// reads grants on.
var grantTypes = func() []string {
	var out []string
	for _, on := range []string{"project", "folder", "organization", "storage_bucket", "kms_crypto_key", "kms_key_ring",
		"service_account", "vertex_ai_endpoint", "vertex_ai_featurestore", "vertex_ai_featurestore_entitytype",
		"vertex_ai_feature_online_store", "notebooks_instance", "notebooks_runtime", "workbench_instance",
		"artifact_registry_repository", "bigquery_dataset"} {
		for _, form := range []string{"member", "binding", "policy"} {
			out = append(out, "google_"+on+"_iam_"+form)
		}
	}
	return out
}()

func register(r *rule.Rule) {
	r.Provider, r.Service = "gcp", "iam"
	if r.Resources == nil {
		r.Resources = grantTypes
	}
	rule.Register(r)
}

// members runs f on every member of every grant whose role is known; f
// sees unknown members too, which it may judge by their kind only.
func members(in *rule.Input, f func(g *gcp.Grant, m gcp.Member) *rule.Result) []rule.Result {
	var out []rule.Result
	for _, g := range in.GCP.Grants {
		if !g.Role.Known() {
			continue
		}
		for _, m := range g.Members {
			if r := f(g, m); r != nil {
				out = append(out, *r)
			}
		}
	}
	return out
}

func result(g *gcp.Grant, m gcp.Member, format string, args ...any) *rule.Result {
	r := rule.NewResult(g.Resource, m.Meta, g.Role.Value+" "+m.Value+m.Prefix, format, args...)
	return &r
}

// projectWide are the scopes where a grant covers every resource beneath.
var projectWide = []string{"project", "folder", "organization"}

// impersonation are the roles that let a member act as service accounts.
var impersonation = []string{"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator", "roles/iam.workloadIdentityUser"}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-IAM-001", Slug: "gcp-public-member",
			Title:    "IAM grant gives a role to allUsers or allAuthenticatedUsers",
			Severity: rule.Critical, Category: rule.DataProtection,
			Frameworks: framework.PublicAccess(),
			Rationale: "allUsers is anyone on the internet and allAuthenticatedUsers any Google account: on a bucket, an " +
				"endpoint or a feature store they publish training data, models or predictions to the world.",
			Remediation: "Grant the role to the groups and service accounts that need it; never to allUsers or allAuthenticatedUsers.",
			Fixes:       map[string]string{"terraform": "resource \"google_storage_bucket_iam_member\" \"reader\" {\n  role   = \"roles/storage.objectViewer\"\n  member = \"group:ml-readers@example.com\"\n}"},
			Defaults:    []string{"not applicable: only written members are read"},
			References:  []string{"https://cloud.google.com/iam/docs/principals-overview#all-users"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return members(in, func(g *gcp.Grant, m gcp.Member) *rule.Result {
				if !m.Known() || m.Value != "allUsers" && m.Value != "allAuthenticatedUsers" {
					return nil
				}
				return result(g, m, "%s grants %s on its %s to %s", g.Address, g.Role.Value, g.Scope, m.Value)
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-IAM-002", Slug: "gcp-primitive-role-service-account",
			Title:    "Service account is granted Owner or Editor",
			Severity: rule.High, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "Owner and Editor cover nearly every API of the project: a training job, notebook or model server " +
				"running as that service account can read every dataset, replace every model and change the project.",
			Remediation: "Grant predefined roles scoped to what the workload does (roles/aiplatform.user, " +
				"roles/storage.objectViewer on the data bucket, ...).",
			Fixes:      map[string]string{"terraform": "resource \"google_project_iam_member\" \"trainer\" {\n  role   = \"roles/aiplatform.user\"\n  member = \"serviceAccount:${google_service_account.trainer.email}\"\n}"},
			Defaults:   []string{"not applicable: only written grants are read"},
			References: []string{"https://cloud.google.com/iam/docs/understanding-roles#basic"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return members(in, func(g *gcp.Grant, m gcp.Member) *rule.Result {
				if g.Role.Value != "roles/owner" && g.Role.Value != "roles/editor" || m.Kind() != "serviceAccount" {
					return nil
				}
				who := "a service account (known after apply)"
				if m.Known() {
					who = strings.TrimPrefix(m.Value, "serviceAccount:")
				}
				return result(g, m, "%s grants %s on its %s to %s", g.Address, g.Role.Value, g.Scope, who)
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-IAM-003", Slug: "gcp-default-compute-account-granted",
			Title:    "Compute Engine default service account is granted a role",
			Severity: rule.Medium, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "Every VM, notebook and training job that names no service account runs as the default compute account; " +
				"a role given to it is given to all of them.",
			Remediation: "Create a dedicated service account for the ML workload, grant the role to it, and run the workload as it.",
			Fixes:       map[string]string{"terraform": "member = \"serviceAccount:${google_service_account.training.email}\""},
			Defaults:    []string{"not applicable: only written grants are read"},
			References:  []string{"https://cloud.google.com/compute/docs/access/service-accounts#default_service_account"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return members(in, func(g *gcp.Grant, m gcp.Member) *rule.Result {
				if !m.Known() || !strings.HasSuffix(m.Value, "-compute@developer.gserviceaccount.com") {
					return nil
				}
				return result(g, m, "%s grants %s on its %s to the Compute Engine default service account", g.Address, g.Role.Value, g.Scope)
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-IAM-004", Slug: "gcp-project-wide-impersonation",
			Title:    "Service account impersonation is granted on the whole project",
			Severity: rule.High, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "roles/iam.serviceAccountUser or serviceAccountTokenCreator on a project lets the member act as every " +
				"service account in it, including the ones that run training pipelines and own model buckets: a path to " +
				"every permission those accounts hold.",
			Remediation: "Grant the role on the one service account the member must use (google_service_account_iam_member).",
			Fixes: map[string]string{"terraform": `resource "google_service_account_iam_member" "launch_training" {
  service_account_id = google_service_account.training.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:ml-engineers@example.com"
}`},
			Defaults:   []string{"not applicable: only written grants are read"},
			References: []string{"https://cloud.google.com/iam/docs/service-account-permissions#user-role"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return members(in, func(g *gcp.Grant, m gcp.Member) *rule.Result {
				if !slices.Contains(projectWide, g.Scope) || !slices.Contains(impersonation, g.Role.Value) || m.Kind() == "" {
					return nil
				}
				who := m.Value
				if !m.Known() {
					who = "a " + m.Kind() + " (known after apply)"
				}
				return result(g, m, "%s grants %s on the whole %s to %s: it can act as every service account there", g.Address, g.Role.Value, g.Scope, who)
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-IAM-005", Slug: "gcp-service-account-key",
			Title:    "Service account has a user-managed key",
			Severity: rule.Medium, Category: rule.Secrets,
			Resources:  []string{"google_service_account_key"},
			Frameworks: framework.Secrets(),
			Rationale: "A user-managed key is a long-lived credential that leaves Google Cloud: copied into notebooks, CI and " +
				"laptops, and in the Terraform state as private_key. ML service accounts reach training data and models.",
			Remediation: "Use attached service accounts, Workload Identity Federation or impersonation instead of keys, and " +
				"enforce iam.disableServiceAccountKeyCreation.",
			Fixes:      map[string]string{"terraform": "# remove google_service_account_key; from outside Google Cloud use Workload Identity Federation"},
			Defaults:   []string{"not applicable"},
			References: []string{"https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, k := range in.GCP.ServiceAccountKeys {
				out = append(out, rule.NewResult(k.Resource, k.ServiceAccount.Meta, "key", "%s creates a user-managed service account key", k.Address))
			}
			return out
		},
	})
}
