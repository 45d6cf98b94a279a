// Package tracking holds the rules on the experiment-tracking and pipeline
// UIs that ML platforms run on Kubernetes: MLflow tracking servers and the
// Kubeflow Pipelines UI, which hold every run's parameters, metrics,
// models and artifacts.
package tracking

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
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-TRACKING-001", Slug: "k8s-tracking-ui-exposed-unauthenticated",
			Title:    "MLflow tracking server or Kubeflow Pipelines UI without authentication is exposed outside the cluster",
			Severity: rule.High, Category: rule.Network, Provider: "kubernetes", Service: "tracking",
			Resources:  []string{"Service", "Ingress"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "An MLflow tracking server started without --app-name basic-auth (or an authenticating proxy in front), " +
				"and the Kubeflow Pipelines UI, which relies on the platform's proxy for authentication, answer anyone who " +
				"reaches them: every experiment's parameters and metrics, the registered models and their artifacts " +
				"(downloadable through the server's artifact proxy), and the API to register a new model version or start a " +
				"pipeline run. A NodePort, an internet-facing LoadBalancer or an Ingress puts them outside the cluster; an Ingress " +
				"without TLS also sends the users' credentials and the artifacts in the clear.",
			Remediation: "Keep the Service ClusterIP and publish the UI through the platform's authenticating gateway (oauth2-proxy, " +
				"Istio with an AuthorizationPolicy), or start MLflow with --app-name basic-auth and TLS in front.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  type: ClusterIP
  selector:
    app: mlflow`},
			Defaults: []string{"MLflow authenticates only with --app-name basic-auth (or another auth app) or an authenticating proxy container (oauth2-proxy) in the pod",
				"A Service is outside the cluster when it is a NodePort, or a LoadBalancer that is not internal and admits every address",
				"An Ingress exposes the Services its rules and default backend name, unless it carries an authentication annotation (ingress-nginx auth-url or auth-type, the AWS Load Balancer Controller's auth-type)",
				"An Ingress of the AWS Load Balancer Controller (class alb) is internal unless alb.ingress.kubernetes.io/scheme is internet-facing (the controller's default scheme is internal; a scheme set in IngressClassParams is not read), as is one of GKE's gce-internal class; an Ingress whose annotations admit only some source ranges (allowlist-source-range, inbound-cidrs) is restricted like a LoadBalancer with loadBalancerSourceRanges"},
			References: []string{"https://mlflow.org/docs/latest/auth/index.html",
				"https://www.kubeflow.org/docs/components/pipelines/operator-guides/multi-user/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.Kubernetes.Services {
				t := s.Type
				if !t.Is("NodePort") && !(t.Is("LoadBalancer") && !s.Internal && len(s.SourceRanges) == 0) {
					continue
				}
				for _, w := range in.Kubernetes.Workloads {
					what := unauthenticatedUI(w)
					if what == "" || !kcheck.Selects(s, w) {
						continue
					}
					out = append(out, kcheck.Result(s.Resource, t.Meta, "", w.Address,
						"%s (type: %s) exposes %s of %s outside the cluster, with no authentication in front", s.Address, t.Value, what, w.Address))
				}
			}
			for _, ing := range in.Kubernetes.Ingresses {
				out = append(out, ingressUIs(in.Kubernetes, ing)...)
			}
			return out
		},
	})
}

// unauthenticatedUI says what tracking or pipeline UI a workload runs
// without authentication: "" when none, or when it authenticates.
func unauthenticatedUI(w *kubernetes.Workload) string {
	if slices.ContainsFunc(w.Pod.Containers, func(c *kubernetes.Container) bool { return strings.Contains(c.Image.Value, "oauth2-proxy") }) {
		return ""
	}
	for _, c := range w.Pod.Containers {
		img := strings.ToLower(c.Image.Value)
		args := make([]string, 0, len(c.Args))
		for _, a := range c.Args {
			if !a.Known() {
				return "" // a part not known may turn authentication on
			}
			args = append(args, a.Value)
		}
		line := strings.Join(args, " ")
		switch {
		case strings.Contains(img, "ml-pipeline/frontend"):
			return "the Kubeflow Pipelines UI"
		case strings.Contains(img, "mlflow") || strings.Contains(line, "mlflow server") || strings.Contains(line, "mlflow ui"):
			if strings.Contains(line, "--app-name") {
				return ""
			}
			return fmt.Sprintf("the MLflow tracking server (%s, no --app-name)", c.Name)
		}
	}
	return ""
}

// ingressUIs reports the unauthenticated tracking and pipeline UIs an
// Ingress without an authentication annotation sends requests to.
func ingressUIs(m *kubernetes.Model, ing *kubernetes.Ingress) []rule.Result {
	if ing.Internal || len(ing.SourceRanges) > 0 {
		return nil // as an internal or source-restricted load balancer Service
	}
	for k := range ing.Annotations {
		if strings.HasSuffix(k, "/auth-url") || strings.HasSuffix(k, "/auth-type") {
			return nil
		}
	}
	plain := ""
	if ing.TLS.IsFalse() {
		plain = ", and without TLS"
	}
	var out []rule.Result
	for _, b := range ing.Backends {
		for _, s := range m.Services {
			if s.Name != b.Service || s.Namespace != ing.Namespace {
				continue
			}
			for _, w := range m.Workloads {
				if what := unauthenticatedUI(w); what != "" && kcheck.Selects(s, w) {
					out = append(out, kcheck.Result(ing.Resource, b.Meta, "", w.Address,
						"%s sends requests to %s, which serves %s of %s, with no authentication in front%s", ing.Address, s.Address, what, w.Address, plain))
				}
			}
		}
	}
	return out
}
