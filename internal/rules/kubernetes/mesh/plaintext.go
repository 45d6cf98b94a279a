package mesh

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

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-MESH-004", Slug: "model-server-plaintext-port-outside-cluster",
			Title:    "Service exposes a model server's plaintext port outside the cluster",
			Severity: rule.High, Category: rule.EncryptionInTransit,
			Resources:   []string{"Service"},
			CrossObject: true,
			Frameworks:  framework.Transit(),
			Rationale: "A NodePort or LoadBalancer Service sends clients outside the cluster straight to the model server's " +
				"pods, around the mesh gateway: on a plaintext HTTP or gRPC port, prompts, features, predictions and the " +
				"bearer tokens that authorize them cross the node and cloud networks unencrypted, and no mesh identity " +
				"is checked.",
			Remediation: "Keep the model server's Service ClusterIP and publish it through the mesh's ingress gateway with " +
				"TLS (a Gateway with tls.mode SIMPLE or MUTUAL), or terminate TLS in the server and expose only that port; " +
				"a STRICT PeerAuthentication in the namespace refuses plaintext from outside the mesh.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  type: ClusterIP
  ports:
    - name: http
      port: 8080`},
			Defaults: []string{"type: ClusterIP when not set; only NodePort and LoadBalancer Services (internal ones too) are outside the cluster",
				"A port is plaintext when its appProtocol or its name (Istio's protocol selection: http, http2, grpc, grpc-web, h2c, with or without a -suffix) says so, or when it is port 80 or 8080 and neither names a protocol",
				"A namespace under a STRICT PeerAuthentication (its own, or the mesh-wide one in istio-system) refuses plaintext and is not judged"},
			References: []string{"https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/",
				"https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"},
		},
		Check: func(in *rule.Input) []rule.Result {
			m := in.Kubernetes
			var out []rule.Result
			for _, s := range m.Services {
				if !s.Type.Is("NodePort") && !s.Type.Is("LoadBalancer") || strictMTLS(m, s.Namespace) {
					continue
				}
				server := servedModel(m, s)
				if server == "" {
					continue
				}
				for _, p := range s.Ports {
					if what := plaintextPort(p); what != "" && p.Known() {
						out = append(out, kcheck.Result(s.Resource, p.Meta, "", fmt.Sprint(p.Port),
							"%s (type: %s) exposes port %d (%s) of %s outside the cluster", s.Address, s.Type.Value, p.Port, what, server))
					}
				}
			}
			return out
		},
	})
}

// servedModel names the model server a Service selects, "" when none.
func servedModel(m *kubernetes.Model, s *kubernetes.Service) string {
	for _, w := range m.Workloads {
		if w.Role == kubernetes.RoleServing && kcheck.Selects(s, w) {
			return "model server " + w.Address
		}
	}
	return ""
}

// plaintextProtocols are Istio's protocol names that carry no TLS.
var plaintextProtocols = []string{"http", "http2", "grpc", "grpc-web", "h2c", "kubernetes.io/h2c", "kubernetes.io/ws"}

// plaintextPort says why a Service port is plaintext, "" when it is not
// or cannot be told.
func plaintextPort(p kubernetes.ServicePort) string {
	proto := strings.ToLower(p.AppProtocol)
	if proto == "" {
		proto, _, _ = strings.Cut(strings.ToLower(p.Name), "-")
		if strings.HasPrefix(strings.ToLower(p.Name), "grpc-web") {
			proto = "grpc-web"
		}
	}
	switch {
	case slices.Contains(plaintextProtocols, proto):
		return "plaintext " + proto
	case proto == "" && (p.Port == 80 || p.Port == 8080):
		return "plaintext HTTP by its number"
	}
	return ""
}

// strictMTLS reports whether a namespace refuses plaintext: a
// PeerAuthentication of the namespace, or the mesh-wide one in istio-system,
// whose every mode is STRICT.
func strictMTLS(m *kubernetes.Model, ns string) bool {
	for _, pa := range m.PeerAuthentications {
		if (pa.Namespace == ns || pa.Namespace == "istio-system") && len(pa.Modes) > 0 &&
			!slices.ContainsFunc(pa.Modes, func(mode model.String) bool { return !mode.Is("STRICT") }) {
			return true
		}
	}
	return false
}
