// Package ray holds the rules on KubeRay clusters (RayCluster, and the
// clusters RayService and RayJob create).
package ray

import (
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

var kinds = []string{"RayCluster", "RayService", "RayJob"}

// name is the cluster for a message: the object, and where the cluster spec
// sits when it is embedded (spec.rayClusterConfig of a RayService).
func name(c *kubernetes.RayCluster) string {
	if c.Path == "spec" {
		return c.Address
	}
	return c.Address + " (" + c.Path + ")"
}

func register(r *rule.Rule) {
	r.Provider, r.Service, r.Resources = "kubernetes", "ray", kinds
	rule.Register(r)
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-RAY-001", Slug: "ray-no-authentication",
			Title:    "Ray cluster accepts jobs without authentication",
			Severity: rule.High, Category: rule.Identity,
			Frameworks: framework.PublicAccess(),
			Rationale: "Ray's dashboard and Jobs API run any submitted code, and Ray authenticates nothing unless token " +
				"authentication is on: anyone who reaches the head service runs code with the cluster's credentials and data " +
				"(the ShadowRay attacks, CVE-2023-48022).",
			Remediation: "Turn on token authentication (spec.authOptions.mode: token with KubeRay 1.5+ and Ray 2.52+, or " +
				"RAY_AUTH_MODE=token on the head), or put an authenticating proxy (kube-rbac-proxy) in front of the head.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  authOptions:
    mode: token`},
			Defaults:   []string{"authOptions.mode: disabled when not set; RAY_AUTH_MODE: disabled"},
			References: []string{"https://docs.ray.io/en/latest/cluster/kubernetes/user-guides/kuberay-auth.html", "https://nvd.nist.gov/vuln/detail/CVE-2023-48022"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, c := range in.Kubernetes.RayClusters {
				if c.AuthMode.Is("token") || !c.AuthMode.Known() || c.HeadEnvAuth || c.HeadAuthProxy {
					continue
				}
				out = append(out, kcheck.Result(c.Resource, c.AuthMode.Meta, c.Path, c.AuthMode.Value,
					"%s runs without authentication (authOptions.mode: %s%s, no RAY_AUTH_MODE=token, no auth proxy on the head)",
					name(c), c.AuthMode.Value, rule.DefaultNote(c.AuthMode.Explicit)))
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-RAY-002", Slug: "ray-head-exposed",
			Title:    "Ray head service is exposed outside the cluster",
			Severity: rule.Critical, Category: rule.Network,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A LoadBalancer or NodePort head service puts the Ray dashboard, GCS and client ports on the node or " +
				"cloud network; with Ray's default of no authentication, that is remote code execution for anyone who finds it.",
			Remediation: "Keep headGroupSpec.serviceType ClusterIP and reach the dashboard with kubectl port-forward or an " +
				"authenticating ingress.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  headGroupSpec:
    serviceType: ClusterIP`},
			Defaults:   []string{"headGroupSpec.serviceType: ClusterIP when not set"},
			References: []string{"https://docs.ray.io/en/latest/ray-security/index.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, c := range in.Kubernetes.RayClusters {
				if t := c.HeadService; t.Is("LoadBalancer") || t.Is("NodePort") {
					out = append(out, kcheck.Result(c.Resource, t.Meta, c.Path, t.Value,
						"%s exposes the Ray head through a %s service", name(c), t.Value))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-RAY-003", Slug: "ray-redis-password-literal",
			Title:    "Ray GCS fault-tolerance Redis password is written in the manifest",
			Severity: rule.High, Category: rule.Secrets,
			Frameworks: framework.Secrets(),
			Rationale: "The external Redis keeps the cluster's metadata (jobs, actors, runtime environments); its password in the " +
				"manifest is in Git and readable by anyone who can get the object.",
			Remediation: "Use gcsFaultToleranceOptions.redisPassword.valueFrom.secretKeyRef.",
			Fixes: map[string]string{kcheck.Fix: `gcsFaultToleranceOptions:
  redisPassword:
    valueFrom:
      secretKeyRef: {name: redis-password, key: password}`},
			Defaults:   []string{"no password when not set"},
			References: []string{"https://docs.ray.io/en/latest/cluster/kubernetes/user-guides/kuberay-gcs-ft.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, c := range in.Kubernetes.RayClusters {
				if p := c.RedisPassword; p.Explicit && p.Value != "" {
					out = append(out, kcheck.Result(c.Resource, p.Meta, c.Path, "redis",
						"%s writes the Redis password in the manifest", name(c)))
				}
			}
			return out
		},
	})
}
