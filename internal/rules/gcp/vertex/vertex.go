// Package vertex holds the rules on Vertex AI: endpoints, the resources that
// keep ML data under encryption_spec, agent deployments and Model Garden.
package vertex

import (
	"slices"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/secrets"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "gcp", "vertex"
	rule.Register(r)
}

const cmekDocs = "https://cloud.google.com/vertex-ai/docs/general/cmek"

// cmek is one family of Vertex AI resources that take a customer-managed key.
type cmek struct {
	id, slug, title, holds string
	types                  []string
	severity               rule.Severity
}

var cmeks = []cmek{
	{"GCP-VERTEX-003", "vertex-dataset-cmek", "Vertex AI dataset is not encrypted with a customer-managed key",
		"the training data imported into the dataset, its annotations and data items", []string{"google_vertex_ai_dataset"}, rule.Medium},
	{"GCP-VERTEX-004", "vertex-featurestore-cmek", "Vertex AI feature store is not encrypted with a customer-managed key",
		"feature values, often customer attributes joined from production data", []string{"google_vertex_ai_featurestore", "google_vertex_ai_feature_online_store"}, rule.Medium},
	{"GCP-VERTEX-005", "vertex-tensorboard-cmek", "Vertex AI TensorBoard is not encrypted with a customer-managed key",
		"training metrics, sample inputs and outputs logged during training", []string{"google_vertex_ai_tensorboard"}, rule.Low},
	{"GCP-VERTEX-006", "vertex-index-cmek", "Vertex AI vector index is not encrypted with a customer-managed key",
		"embeddings of the indexed documents, from which much of their content can be recovered", []string{"google_vertex_ai_index"}, rule.Medium},
	{"GCP-VERTEX-007", "vertex-metadata-store-cmek", "Vertex AI metadata store is not encrypted with a customer-managed key",
		"the lineage of datasets, models and runs, with their locations and parameters", []string{"google_vertex_ai_metadata_store"}, rule.Low},
	{"GCP-VERTEX-008", "vertex-agent-cmek", "Vertex AI Agent Engine deployment is not encrypted with a customer-managed key",
		"the agent's code package, its pickled state and its sessions", []string{"google_vertex_ai_reasoning_engine"}, rule.Medium},
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-VERTEX-001", Slug: "vertex-endpoint-public",
			Title:    "Vertex AI endpoint is served on the public API, not a private endpoint",
			Severity: rule.Medium, Category: rule.Network,
			Resources:  []string{"google_vertex_ai_endpoint"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "An endpoint with neither a VPC network nor Private Service Connect answers predictions from anywhere " +
				"on the internet that holds a token: a leaked credential becomes a model-extraction channel that the VPC, " +
				"its firewall and VPC Service Controls never see.",
			Remediation: "Deploy to a private endpoint: set network (VPC peering) or private_service_connect_config.enable_private_service_connect = true.",
			Fixes: map[string]string{"terraform": `resource "google_vertex_ai_endpoint" "model" {
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project_id]
  }
}`},
			Defaults:   []string{"network and private_service_connect_config: not set, so the endpoint is public"},
			References: []string{"https://cloud.google.com/vertex-ai/docs/predictions/choose-endpoint-type"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, e := range in.GCP.Endpoints {
				if e.Type != "google_vertex_ai_endpoint" || !e.Network.Absent() || e.PSC.IsTrue() || !e.PSC.Known() {
					continue
				}
				out = append(out, rule.NewResult(e.Resource, e.PSC.Meta, "public",
					"%s is a public endpoint: no network and no Private Service Connect", e.Address))
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-VERTEX-002", Slug: "vertex-endpoint-cmek",
			Title:    "Vertex AI endpoint is not encrypted with a customer-managed key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"google_vertex_ai_endpoint", "google_vertex_ai_index_endpoint"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "The endpoint keeps the deployed models' data and its request logs under Google-managed keys " +
				"unless encryption_spec names yours; then access to the key is your kill switch.",
			Remediation: "Set encryption_spec.kms_key_name to a Cloud KMS key in the endpoint's region.",
			Fixes:       map[string]string{"terraform": "encryption_spec {\n  kms_key_name = google_kms_crypto_key.vertex.id\n}"},
			Defaults:    []string{"encryption_spec: not set, so Google-managed keys"},
			References:  []string{cmekDocs},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, e := range in.GCP.Endpoints {
				if e.KMSKey.Absent() {
					out = append(out, rule.NewResult(e.Resource, e.KMSKey.Meta, "no-cmek", "%s has no customer-managed key (encryption_spec)", e.Address))
				}
			}
			return out
		},
	})
	for _, c := range cmeks {
		register(&rule.Rule{
			Metadata: rule.Metadata{
				ID: c.id, Slug: c.slug, Title: c.title, Severity: c.severity, Category: rule.EncryptionAtRest,
				Resources:  c.types,
				Frameworks: framework.EncryptionAtRest(),
				Rationale: "It holds " + c.holds + ". Under Google-managed keys you cannot revoke access to it, rotate on your " +
					"schedule, or see key use in Cloud Audit Logs.",
				Remediation: "Set encryption_spec.kms_key_name to a Cloud KMS key in the same region.",
				Fixes:       map[string]string{"terraform": "encryption_spec {\n  kms_key_name = google_kms_crypto_key.vertex.id\n}"},
				Defaults:    []string{"encryption_spec: not set, so Google-managed keys"},
				References:  []string{cmekDocs},
			},
			Check: func(in *rule.Input) []rule.Result {
				var out []rule.Result
				for _, e := range in.GCP.Encrypted {
					if slices.Contains(c.types, e.Type) && e.KMSKey.Absent() {
						out = append(out, rule.NewResult(e.Resource, e.KMSKey.Meta, "no-cmek", "%s has no customer-managed key (encryption_spec)", e.Address))
					}
				}
				return out
			},
		})
	}
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-VERTEX-009", Slug: "vertex-index-endpoint-public",
			Title:    "Vertex AI vector index endpoint is public",
			Severity: rule.Medium, Category: rule.Network,
			Resources:  []string{"google_vertex_ai_index_endpoint"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A public index endpoint answers nearest-neighbour queries from the internet; the vectors and the " +
				"document IDs it returns leak what the indexed corpus holds.",
			Remediation: "Remove public_endpoint_enabled and use a network or Private Service Connect.",
			Fixes:       map[string]string{"terraform": "private_service_connect_config {\n  enable_private_service_connect = true\n  project_allowlist              = [var.project_id]\n}"},
			Defaults:    []string{"public_endpoint_enabled: false"},
			References:  []string{"https://cloud.google.com/vertex-ai/docs/vector-search/deploy-index-public"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, e := range in.GCP.Endpoints {
				if e.PublicEndpoint.IsTrue() {
					out = append(out, rule.NewResult(e.Resource, e.PublicEndpoint.Meta, "public", "%s is public (public_endpoint_enabled = true)", e.Address))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-VERTEX-010", Slug: "vertex-online-store-public",
			Title:    "Vertex AI optimized online store serves features on a public endpoint",
			Severity: rule.Medium, Category: rule.Network,
			Resources:  []string{"google_vertex_ai_feature_online_store"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "An optimized online store's dedicated serving endpoint is public unless it uses Private Service " +
				"Connect; feature values (customer attributes) are then served to any holder of a token, from anywhere.",
			Remediation: "Set dedicated_serving_endpoint.private_service_connect_config.enable_private_service_connect = true.",
			Fixes: map[string]string{"terraform": `dedicated_serving_endpoint {
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project_id]
  }
}`},
			Defaults:   []string{"dedicated_serving_endpoint: public when private_service_connect_config is not set"},
			References: []string{"https://cloud.google.com/vertex-ai/docs/featurestore/latest/create-onlinestore"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, e := range in.GCP.Encrypted {
				if e.DedicatedPublic.IsTrue() {
					out = append(out, rule.NewResult(e.Resource, e.DedicatedPublic.Meta, "public",
						"%s serves on a public dedicated endpoint (no Private Service Connect)", e.Address))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-VERTEX-011", Slug: "vertex-agent-env-secret",
			Title:    "Vertex AI Agent Engine environment holds a literal secret",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"google_vertex_ai_reasoning_engine"},
			Frameworks: framework.Secrets(),
			Rationale: "Variables in spec.deployment_spec.env are stored and shown in plain text, and are in the Terraform " +
				"code and state: API keys for the tools an agent calls leak with them.",
			Remediation: "Move the value into Secret Manager and reference it with spec.deployment_spec.secret_env.",
			Fixes: map[string]string{"terraform": `deployment_spec {
  secret_env {
    name = "API_KEY"
    secret_ref {
      secret  = google_secret_manager_secret.api_key.secret_id
      version = "latest"
    }
  }
}`},
			Defaults:   []string{"not applicable: only written values are read"},
			References: []string{"https://cloud.google.com/vertex-ai/generative-ai/docs/agent-engine/deploy"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.GCP.ReasoningEngines {
				out = append(out, rule.SecretResults(r.Resource, r.Env, "", "")...)
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-VERTEX-012", Slug: "vertex-model-garden-hf-token",
			Title:    "Model Garden deployment holds a literal Hugging Face token",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"google_vertex_ai_endpoint_with_model_garden_deployment"},
			Frameworks: framework.Secrets(),
			Rationale: "model_config.hugging_face_access_token written in the code is in Git and in the Terraform state; the " +
				"token reads (and, with write scope, replaces) the organization's gated and private models.",
			Remediation: "Pass the token from a sensitive variable filled from a secret store, never as a literal.",
			Fixes:       map[string]string{"terraform": "model_config {\n  hugging_face_access_token = var.hf_token # sensitive, from the secret store\n}"},
			Defaults:    []string{"not applicable: only written values are read"},
			References:  []string{"https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/vertex_ai_endpoint_with_model_garden_deployment"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, g := range in.GCP.GardenDeployments {
				t := g.HuggingFaceToken
				if !t.Explicit || !t.Known() || t.Value == "" {
					continue
				}
				out = append(out, rule.NewResult(g.Resource, t.Meta, secrets.Redact(t.Value),
					"%s writes its Hugging Face token in the code (%s)", g.Address, secrets.Redact(t.Value)))
			}
			return out
		},
	})
}
