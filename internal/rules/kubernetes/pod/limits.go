package pod

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-012", Slug: "k8s-missing-limits",
			Title:    "Container has no CPU or memory limit",
			Severity: rule.Low, Category: rule.Isolation,
			Frameworks: framework.Availability(),
			Rationale: "Inference and training load grows with the request or the batch; without limits one model server (or a " +
				"request crafted to exhaust it) takes the node's memory and CPU from every other pod on it.",
			Remediation: "Set resources.limits.cpu and resources.limits.memory on every container.",
			Fixes: map[string]string{kcheck.Fix: `containers:
  - name: model
    resources:
      limits:
        cpu: "4"
        memory: 16Gi`},
			Defaults:   []string{"no limit when not set, unless a LimitRange of the namespace gives one"},
			References: []string{"https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				var missing []string
				for _, r := range []string{"cpu", "memory"} {
					if _, ok := c.Limits[r]; !ok {
						missing = append(missing, r)
					}
				}
				if len(missing) == 0 {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, c.LimitsMeta, kcheck.Place(w, c), strings.Join(missing, ","),
					"%s has no %s limit", kcheck.Container(w, c), strings.Join(missing, " or "))}
			})
		},
	})
}
