// Package mesh holds the rules on TLS around model servers in a service
// mesh and on their certificates: Istio DestinationRules that turn TLS off
// toward a model server, Gateways that serve model hosts in plaintext, and
// cert-manager Certificates for model hosts with weak keys or long lives.
package mesh

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "kubernetes", "mesh"
	rule.Register(r)
}

// maxLifetime is the longest a certificate is expected to live: the 397
// days the CA/Browser Forum allows publicly trusted TLS certificates.
const maxLifetime = 397 * 24 * time.Hour

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-MESH-001", Slug: "istio-tls-disabled-to-model-server",
			Title:    "Istio DestinationRule turns TLS off toward a model server",
			Severity: rule.High, Category: rule.EncryptionInTransit,
			Resources:  []string{"DestinationRule"},
			Frameworks: framework.Transit(),
			Rationale: "tls.mode DISABLE makes the sidecars send plaintext to the model server, whatever the PeerAuthentication " +
				"says for the server's side: prompts, features and predictions cross the pod network readable by anything " +
				"that can see it, and the server cannot tell its callers apart by their mesh identity.",
			Remediation: "Use mode ISTIO_MUTUAL (or leave tls unset: Istio sends mutual TLS to sidecar-injected servers " +
				"automatically), and a STRICT PeerAuthentication in the model namespace.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  host: triton.models.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL`},
			Defaults: []string{"No tls block: Istio's automatic mutual TLS applies to servers with a sidecar",
				"A host names a model server when it resolves (name, name.namespace or name.namespace.svc.cluster.local; * wildcards) to a Service selecting a model server's pods, or to an InferenceService"},
			References: []string{"https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-TLSmode"},
		},
		Check: func(in *rule.Input) []rule.Result {
			hosts := modelHosts(in.Kubernetes)
			var out []rule.Result
			for _, dr := range in.Kubernetes.DestinationRules {
				if !hosts.match(dr.Host, dr.Namespace) {
					continue
				}
				for _, m := range dr.TLSModes {
					if m.Known() && strings.EqualFold(m.Value, "DISABLE") {
						out = append(out, kcheck.Result(dr.Resource, m.Meta, "", dr.Host,
							"%s turns TLS off (mode DISABLE) toward %s, %s", dr.Address, dr.Host, hosts.why(dr.Host, dr.Namespace)))
					}
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-MESH-002", Slug: "istio-gateway-plaintext-model-host",
			Title:    "Istio Gateway serves a model host over plaintext HTTP",
			Severity: rule.High, Category: rule.EncryptionInTransit,
			Resources:  []string{"Gateway"},
			Frameworks: framework.Transit(),
			Rationale: "A Gateway server with protocol HTTP (or HTTP2, GRPC) and no redirect to HTTPS lets clients send " +
				"prompts, API keys and bearer tokens to the model in clear text across the network outside the cluster, " +
				"where anyone on the path reads or changes them.",
			Remediation: "Serve the host with protocol HTTPS and a credentialName (a certificate Secret), and keep port 80 only " +
				"with tls.httpsRedirect: true.",
			Fixes: map[string]string{kcheck.Fix: `servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["models.example.com"]
    tls:
      mode: SIMPLE
      credentialName: models-example-com-tls`},
			Defaults:   []string{"A host is a model host when a VirtualService bound to the Gateway routes it to a model server's Service or an InferenceService"},
			References: []string{"https://istio.io/latest/docs/reference/config/networking/gateway/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			m := in.Kubernetes
			hosts := modelHosts(m)
			var out []rule.Result
			for _, g := range m.Gateways {
				for _, s := range g.Servers {
					if !plaintext(s.Protocol) || s.HTTPSRedirect {
						continue
					}
					served := servedModelHosts(m, hosts, g, s)
					if len(served) == 0 {
						continue
					}
					out = append(out, kcheck.Result(g.Resource, s.Meta, "", strings.Join(served, ","),
						"%s serves %s over plaintext %s, with no redirect to HTTPS", g.Address, strings.Join(served, ", "), s.Protocol))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-MESH-003", Slug: "certificate-weak-model-host",
			Title:    "Certificate for a model host has a weak key or lives too long",
			Severity: rule.Medium, Category: rule.EncryptionInTransit,
			Resources:  []string{"Certificate"},
			Frameworks: framework.Transit(),
			Rationale: "An RSA key under 2048 bits or an ECDSA key under 256 bits can be broken or is refused by clients; a " +
				"certificate that lives for years keeps a stolen key useful for years and is never exercised by rotation.",
			Remediation: "Use privateKey RSA 2048 or more (or ECDSA P-256) and a duration of at most 397 days, renewed by " +
				"cert-manager (the default is 90 days).",
			Fixes: map[string]string{kcheck.Fix: `spec:
  duration: 2160h
  renewBefore: 360h
  privateKey:
    algorithm: ECDSA
    size: 256`},
			Defaults: []string{"privateKey.algorithm: RSA and size 2048 (256 for ECDSA) when not set; duration: 2160h (90 days) when not set",
				"A certificate is for a model host when one of its DNS names is a host a VirtualService routes to a model server, or it sits in a namespace that runs a model server"},
			References: []string{"https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.CertificateSpec",
				"https://cabforum.org/working-groups/server/baseline-requirements/requirements/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			m := in.Kubernetes
			routed := routedModelHosts(m, modelHosts(m))
			serving := map[string]bool{}
			for _, w := range m.Workloads {
				if w.Role == kubernetes.RoleServing {
					serving[w.Namespace] = true
				}
			}
			var out []rule.Result
			for _, c := range m.Certificates {
				if !serving[c.Namespace] && !slices.ContainsFunc(c.DNSNames, func(n string) bool { return routed[n] }) {
					continue
				}
				for _, w := range weaknesses(c) {
					out = append(out, kcheck.Result(c.Resource, w.at, "", w.what, "%s (for %s) %s", c.Address, strings.Join(c.DNSNames, ", "), w.what))
				}
			}
			return out
		},
	})
}

// plaintext reports whether a Gateway protocol carries no TLS.
func plaintext(p string) bool { return p == "HTTP" || p == "HTTP2" || p == "GRPC" }

// servedModelHosts are the hosts of a Gateway server that a VirtualService
// bound to the Gateway routes to a model server.
func servedModelHosts(m *kubernetes.Model, hosts serviceSet, g *kubernetes.Gateway, s kubernetes.GatewayServer) []string {
	var out []string
	for _, vs := range m.VirtualServices {
		if !boundTo(vs, g) || !slices.ContainsFunc(vs.Destinations, func(d string) bool { return hosts.match(d, vs.Namespace) }) {
			continue
		}
		for _, h := range vs.Hosts {
			if slices.ContainsFunc(s.Hosts, func(sh string) bool { return hostMatch(sh, h) }) && !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	slices.Sort(out)
	return out
}

// routedModelHosts are the hosts any VirtualService routes to a model server.
func routedModelHosts(m *kubernetes.Model, hosts serviceSet) map[string]bool {
	out := map[string]bool{}
	for _, vs := range m.VirtualServices {
		if slices.ContainsFunc(vs.Destinations, func(d string) bool { return hosts.match(d, vs.Namespace) }) {
			for _, h := range vs.Hosts {
				out[h] = true
			}
		}
	}
	return out
}

// boundTo reports whether a VirtualService names the Gateway (name, or
// namespace/name; a bare name is in the VirtualService's namespace).
func boundTo(vs *kubernetes.VirtualService, g *kubernetes.Gateway) bool {
	for _, ref := range vs.Gateways {
		ns, name, ok := strings.Cut(ref, "/")
		if !ok {
			ns, name = vs.Namespace, ref
		}
		if name == g.Name && ns == g.Namespace {
			return true
		}
	}
	return false
}

// hostMatch matches a Gateway server host (optionally namespace/host, "*"
// or "*.domain") against a VirtualService host.
func hostMatch(server, host string) bool {
	if _, h, ok := strings.Cut(server, "/"); ok {
		server = h
	}
	switch {
	case server == "*" || server == host:
		return true
	case strings.HasPrefix(server, "*."):
		return strings.HasSuffix(host, server[1:])
	}
	return false
}

type weakness struct {
	at   model.Meta
	what string
}

// weaknesses lists what is weak about a certificate.
func weaknesses(c *kubernetes.Certificate) []weakness {
	var out []weakness
	alg := strings.ToUpper(c.Algorithm.Value)
	if c.Size.Explicit && c.Size.Known() && c.Algorithm.Known() {
		switch {
		case alg == "RSA" && c.Size.Value < 2048:
			out = append(out, weakness{c.Size.Meta, fmt.Sprintf("has a %d-bit RSA key (2048 or more is needed)", c.Size.Value)})
		case alg == "ECDSA" && c.Size.Value < 256:
			out = append(out, weakness{c.Size.Meta, fmt.Sprintf("has a %d-bit ECDSA key (256 or more is needed)", c.Size.Value)})
		}
	}
	if c.Duration.Explicit && c.Duration.Known() {
		if d, err := time.ParseDuration(c.Duration.Value); err == nil && d > maxLifetime {
			out = append(out, weakness{c.Duration.Meta, fmt.Sprintf("lives %s (%d days; 397 at most)", c.Duration.Value, int(d.Hours()/24))})
		}
	}
	return out
}

// serviceSet are the in-cluster names of model servers: namespace/name of
// each Service that selects a model server's pods, and of each
// InferenceService (and its -predictor Service), with what it serves.
type serviceSet map[string]string

func modelHosts(m *kubernetes.Model) serviceSet {
	out := serviceSet{}
	for _, svc := range m.Services {
		for _, w := range m.Workloads {
			if w.Role == kubernetes.RoleServing && kcheck.Selects(svc, w) {
				out[svc.Namespace+"/"+svc.Name] = "the Service of model server " + w.Address
			}
		}
	}
	for _, is := range m.InferenceServices {
		out[is.Namespace+"/"+is.Name] = "InferenceService " + is.Address
		out[is.Namespace+"/"+is.Name+"-predictor"] = "the predictor of InferenceService " + is.Address
	}
	return out
}

// resolve splits an in-cluster host (name, name.namespace,
// name.namespace.svc[.cluster.local]) into namespace and name; * stands
// for any.
func resolve(host, ns string) (string, string) {
	h := strings.TrimSuffix(strings.TrimSuffix(host, ".cluster.local"), ".svc")
	name, rest, dotted := strings.Cut(h, ".")
	if dotted {
		if strings.Contains(rest, ".") {
			return "", "" // an external name
		}
		ns = rest
	}
	return ns, name
}

// match reports whether a host names a model server.
func (s serviceSet) match(host, ns string) bool { return s.why(host, ns) != "" }

// why says which model server a host names, "" when none.
func (s serviceSet) why(host, ns string) string {
	if host == "*" {
		for _, k := range sortedKeys(s) {
			return s[k]
		}
	}
	n, name := resolve(host, ns)
	if name == "" {
		return ""
	}
	if name == "*" {
		for _, k := range sortedKeys(s) {
			if strings.HasPrefix(k, n+"/") {
				return s[k]
			}
		}
		return ""
	}
	return s[n+"/"+name]
}

func sortedKeys(s serviceSet) []string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
