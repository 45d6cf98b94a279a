// Package network holds the Kubernetes rules on how model servers are
// reached: Services, Ingresses, NetworkPolicies and Istio mTLS.
package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "kubernetes", "network"
	rule.Register(r)
}

// openRange reports whether a load balancer admits every address.
func openRange(ranges []string) bool {
	return len(ranges) == 0 || slices.Contains(ranges, "0.0.0.0/0") || slices.Contains(ranges, "::/0")
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-NETWORK-001", Slug: "k8s-service-exposed",
			Title:    "Service exposes pods outside the cluster",
			Severity: rule.Medium, Category: rule.Network,
			Resources:  []string{"Service"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A LoadBalancer Service without an internal annotation or source ranges gets a public address, and a " +
				"NodePort opens the port on every node. Model servers (Triton, vLLM, TorchServe) authenticate nothing on " +
				"their own ports, and their management APIs load and unload models.",
			Remediation: "Use ClusterIP behind an authenticating ingress or gateway; for a load balancer, mark it internal " +
				"(service.beta.kubernetes.io/aws-load-balancer-scheme: internal, networking.gke.io/load-balancer-type: Internal, " +
				"service.beta.kubernetes.io/azure-load-balancer-internal: \"true\") or set loadBalancerSourceRanges.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  type: ClusterIP`},
			Defaults:   []string{"type: ClusterIP when not set"},
			References: []string{"https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.Kubernetes.Services {
				t := s.Type
				exposed := t.Is("NodePort") || t.Is("LoadBalancer") && !s.Internal && openRange(s.SourceRanges)
				if !exposed {
					continue
				}
				what := "a public load balancer"
				if t.Value == "NodePort" {
					what = "a port on every node"
				}
				var servers []string
				for _, w := range in.Kubernetes.Workloads {
					if w.Role != "" && kcheck.Selects(s, w) && !slices.Contains(servers, w.Address) {
						servers = append(servers, w.Address)
					}
				}
				msg := fmt.Sprintf("%s is %s (type: %s)", s.Address, what, t.Value)
				if len(servers) > 0 {
					msg += ", in front of " + strings.Join(servers, ", ")
				}
				out = append(out, kcheck.Result(s.Resource, t.Meta, "", t.Value, "%s", msg))
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-NETWORK-002", Slug: "k8s-ingress-no-tls",
			Title:    "Ingress serves without TLS",
			Severity: rule.Medium, Category: rule.EncryptionInTransit,
			Resources:  []string{"Ingress"},
			Frameworks: framework.Transit(),
			Rationale: "Without a tls section the ingress serves plain HTTP: inference requests, their payloads and any bearer " +
				"tokens cross the network in clear.",
			Remediation: "Add spec.tls with the hosts and a certificate Secret (cert-manager can issue it).",
			Fixes: map[string]string{kcheck.Fix: `spec:
  tls:
    - hosts: [models.example.com]
      secretName: models-tls`},
			Defaults: []string{"no TLS when spec.tls is not set and no controller annotation gives a certificate (alb.ingress.kubernetes.io/certificate-arn, " +
				"ingress.gcp.kubernetes.io/pre-shared-cert, networking.gke.io/managed-certificates)"},
			References: []string{"https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ing := range in.Kubernetes.Ingresses {
				if ing.TLS.Known() && !ing.TLS.Value {
					out = append(out, kcheck.Result(ing.Resource, ing.TLS.Meta, "", "no-tls", "%s serves plain HTTP (no spec.tls)", ing.Address))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-NETWORK-003", Slug: "istio-mtls-not-strict",
			Title:    "Istio PeerAuthentication accepts plain-text traffic",
			Severity: rule.Medium, Category: rule.EncryptionInTransit,
			Resources:  []string{"PeerAuthentication"},
			Frameworks: framework.Transit(),
			Rationale: "PERMISSIVE accepts both mTLS and plain text, and DISABLE turns mTLS off: requests to model servers in " +
				"scope can be read and forged by anything on the pod network, and identity-based AuthorizationPolicies " +
				"do not hold for plain-text callers.",
			Remediation: "Set spec.mtls.mode (and every portLevelMtls mode) to STRICT once all clients are in the mesh.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  mtls:
    mode: STRICT`},
			Defaults:   []string{"mtls.mode: inherited from the parent policy when not set (PERMISSIVE at mesh level)"},
			References: []string{"https://istio.io/latest/docs/reference/config/security/peer_authentication/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, pa := range in.Kubernetes.PeerAuthentications {
				for _, m := range pa.Modes {
					if v := strings.ToUpper(m.Value); v == "PERMISSIVE" || v == "DISABLE" {
						out = append(out, kcheck.Result(pa.Resource, m.Meta, "", v, "%s sets mTLS mode %s", pa.Address, v))
					}
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-NETWORK-004", Slug: "k8s-model-namespace-no-networkpolicy", CrossObject: true,
			Title:    "Namespace runs model servers but has no NetworkPolicy",
			Severity: rule.Medium, Category: rule.Network,
			Resources:  []string{"InferenceService", "SeldonDeployment", "RayCluster", "Notebook", "Deployment", "StatefulSet"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "Without a NetworkPolicy every pod of the cluster can reach the model servers, notebooks and Ray heads of " +
				"the namespace directly, bypassing the gateway and its authentication; a compromised pod anywhere can query or " +
				"reload models and reach the Ray Jobs API.",
			Remediation: "Add a NetworkPolicy to the namespace that denies ingress by default and admits the gateway and the " +
				"namespaces that call the models.",
			Fixes: map[string]string{kcheck.Fix: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: models
spec:
  podSelector: {}
  policyTypes: [Ingress]`},
			Defaults:   []string{"all traffic is allowed to a pod no NetworkPolicy selects"},
			References: []string{"https://kubernetes.io/docs/concepts/services-networking/network-policies/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			fenced := map[string]bool{}
			for _, np := range in.Kubernetes.NetworkPolicies {
				fenced[np.Namespace] = true
			}
			var out []rule.Result
			reported := map[string]bool{}
			for _, w := range in.Kubernetes.Workloads {
				// Runtimes are templates: their pods run in the namespaces of
				// the InferenceServices that use them.
				runtime := w.Kind == "ServingRuntime" || w.Kind == "ClusterServingRuntime"
				if w.Role == "" || w.Role == kubernetes.RoleTraining || runtime || fenced[w.Namespace] || reported[w.Address] {
					continue
				}
				reported[w.Address] = true
				out = append(out, kcheck.Result(w.Resource, model.Meta{Range: w.Range}, "", w.Namespace,
					"%s serves in namespace %s, which no NetworkPolicy of the scanned manifests covers", w.Address, w.Namespace))
			}
			return out
		},
	})
}
