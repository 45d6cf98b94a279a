package pod

import (
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-001", Slug: "k8s-privileged-container",
			Title:    "Container runs privileged",
			Severity: rule.Critical, Category: rule.Isolation,
			Frameworks: framework.Hardening(),
			Rationale: "A privileged container has every capability and every device of the node: code that runs in it " +
				"(a model loaded from a pickle, a notebook user) owns the node, the GPUs and every other pod's data on it.",
			Remediation: "Remove securityContext.privileged, or set it to false. GPU device plugins do not need it for the pods they serve.",
			Fixes: map[string]string{kcheck.Fix: `containers:
  - name: model
    securityContext:
      privileged: false`},
			Defaults:   []string{"securityContext.privileged: false when not set"},
			References: []string{podSecurity},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				if !c.Privileged.IsTrue() {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, c.Privileged.Meta, kcheck.Place(w, c), "privileged",
					"%s runs privileged", kcheck.Container(w, c))}
			})
		},
	})
}
