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
			ID: "K8S-POD-002", Slug: "k8s-run-as-root",
			Title:    "Container may run as root",
			Severity: rule.Medium, Category: rule.Isolation,
			Frameworks: framework.Hardening(),
			Rationale: "Without runAsNonRoot or a non-zero runAsUser, a container runs as the user its image names, root for most " +
				"model-server and notebook images. Root in the container makes every escape and every writable host mount worse.",
			Remediation: "Set securityContext.runAsNonRoot: true and a non-zero runAsUser, on the pod or the container.",
			Fixes: map[string]string{kcheck.Fix: `securityContext:
  runAsNonRoot: true
  runAsUser: 1000`},
			Defaults:   []string{"runAsNonRoot: false and runAsUser: the image's user when not set, on the pod or the container"},
			References: []string{podSecurity},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				u, nonRoot := c.RunAsUser, c.RunAsNonRoot
				switch {
				case u.Explicit && u.Known() && u.Value == 0:
					return []rule.Result{kcheck.Result(w.Resource, u.Meta, kcheck.Place(w, c), "runAsUser=0",
						"%s runs as root (runAsUser: 0)", kcheck.Container(w, c))}
				case u.Explicit || nonRoot.IsTrue() || !nonRoot.Known():
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, nonRoot.Meta, kcheck.Place(w, c), "root",
					"%s may run as root: neither runAsNonRoot: true nor a runAsUser is set on it or its pod", kcheck.Container(w, c))}
			})
		},
	})
}
