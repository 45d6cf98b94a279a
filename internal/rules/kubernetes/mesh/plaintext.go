package mesh

import (
	"fmt"
	"slices"
	"strings"

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
				"A model server whose PeerAuthentication is STRICT refuses plaintext and is not judged; the one that applies is picked as Istio picks it: the policy selecting its pods, else its namespace's, else the mesh-wide one in istio-system (a policy with no mode, or UNSET, leaves it to the next)",
				"A deciding mode that cannot be known (a template value) is not judged"},
			References: []string{"https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/",
				"https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"},
		},
		Check: func(in *rule.Input) []rule.Result {
			m := in.Kubernetes
			var out []rule.Result
			for _, s := range m.Services {
				if !s.Type.Is("NodePort") && !s.Type.Is("LoadBalancer") {
					continue
				}
				server := servedModel(m, s)
				if server == nil {
					continue
				}
				if strict, known := strictMTLS(m, server); strict || !known {
					continue
				}
				for _, p := range s.Ports {
					if what := plaintextPort(p); what != "" && p.Known() {
						out = append(out, kcheck.Result(s.Resource, p.Meta, "", fmt.Sprint(p.Port),
							"%s (type: %s) exposes port %d (%s) of model server %s outside the cluster", s.Address, s.Type.Value, p.Port, what, server.Address))
					}
				}
			}
			return out
		},
	})
}

// servedModel is the model server a Service selects, nil when none.
func servedModel(m *kubernetes.Model, s *kubernetes.Service) *kubernetes.Workload {
	for _, w := range m.Workloads {
		if w.Role == kubernetes.RoleServing && kcheck.Selects(s, w) {
			return w
		}
	}
	return nil
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

// meshRoot is Istio's default root namespace, whose PeerAuthentication
// without a selector is the mesh-wide one.
const meshRoot = "istio-system"

// strictMTLS reports whether Istio refuses plaintext to the workload's
// pods, as Istio picks the PeerAuthentication that applies: one selecting
// the pods, else the namespace's, else the mesh-wide one; a policy that
// writes no mode (or only UNSET) leaves it to the next. known is false
// when the deciding mode cannot be known.
func strictMTLS(m *kubernetes.Model, w *kubernetes.Workload) (strict, known bool) {
	var levels [3][]*kubernetes.PeerAuthentication
	for _, pa := range m.PeerAuthentications {
		switch {
		case len(pa.Selector) > 0:
			if kcheck.SelectsPods(pa.Namespace, pa.Selector, w) {
				levels[0] = append(levels[0], pa)
			}
		case pa.Namespace == w.Namespace:
			levels[1] = append(levels[1], pa)
		case pa.Namespace == meshRoot:
			levels[2] = append(levels[2], pa)
		}
	}
	for _, level := range levels {
		decided, strict, known := false, true, true
		for _, pa := range level {
			for _, mode := range pa.Modes {
				switch {
				case !mode.Known():
					decided, known = true, false
				case !mode.Is("UNSET"):
					decided, strict = true, strict && mode.Is("STRICT")
				}
			}
		}
		if decided {
			return strict && known, known
		}
	}
	return false, true
}
